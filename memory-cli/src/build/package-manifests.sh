#!/bin/sh
# Writes the Homebrew formula and the Scoop manifest of a release from its archives: each platform's
# download with the SHA-256 of the archive found in ARCHIVE_DIR (a platform whose archive is not
# there is left out). The build runs it on the one archive it makes; the release workflow
# (.github/workflows/release.yml) on all of them. Neither file is tried by any test here: no
# Homebrew or Scoop on this machine (docs/install.md, "Other platforms").
# Usage: package-manifests.sh VERSION ARCHIVE_DIR OUT_DIR
# RELEASE_BASE_URL: where the archives are published (default: the GitHub release of tag v<VERSION>
# of $RELEASE_REPOSITORY: owner/name on GitHub, which the release workflow sets).
set -eu
version=$1
archives=$2
out=$3
base=${RELEASE_BASE_URL:-https://github.com/${RELEASE_REPOSITORY:-OWNER/REPO}/releases/download/v$version}
mkdir -p "$out"

sha() { sha256sum "$1" 2>/dev/null | cut -d' ' -f1 || shasum -a 256 "$1" | cut -d' ' -f1; }
# One platform's url and sha256 lines for the formula, or nothing when its archive is missing.
brew_platform() {
  file="$archives/agent-memory-$version-$1.tar.gz"
  [ -f "$file" ] || return 0
  printf '      url "%s/agent-memory-%s-%s.tar.gz"\n      sha256 "%s"\n' "$base" "$version" "$1" "$(sha "$file")"
}
block() { # $1 on_macos|on_linux, $2 arm platform, $3 intel platform
  arm=$(brew_platform "$2"); intel=$(brew_platform "$3")
  [ -n "$arm$intel" ] || return 0
  printf '  %s do\n' "$1"
  [ -n "$arm" ] && printf '    on_arm do\n%s\n    end\n' "$arm"
  [ -n "$intel" ] && printf '    on_intel do\n%s\n    end\n' "$intel"
  printf '  end\n'
}
{
  cat <<RUBY
# Homebrew formula of agent-memory $version, written by package-manifests.sh.
class AgentMemory < Formula
  desc "Long-term, verifiable memory of your AI coding sessions, kept by a local daemon"
  homepage "${RELEASE_HOMEPAGE:-https://github.com/${RELEASE_REPOSITORY:-OWNER/REPO}}"
  version "$version"
RUBY
  block on_macos macos-aarch64 macos-x64
  block on_linux linux-aarch64 linux-x64
  cat <<'RUBY'

  def install
    libexec.install Dir["*"]
    bin.install_symlink libexec/"bin/memory-daemon"
  end

  # start-up archives only map for the paths they were recorded with: recorded where brew put them
  def post_install
    system "sh", libexec/"lib/record-class-data.sh"
  end

  service do
    run [opt_bin/"memory-daemon", "start", "--foreground"]
    keep_alive true
    log_path var/"log/agent-memory.log"
    error_log_path var/"log/agent-memory.log"
  end

  test do
    assert_match "memory-daemon", shell_output("#{bin}/memory-daemon --version")
  end
end
RUBY
} > "$out/agent-memory.rb"

windows="$archives/agent-memory-$version-windows-x64.zip"
hash=""
[ -f "$windows" ] && hash=$(sha "$windows")
cat > "$out/agent-memory.json" <<JSON
{
  "version": "$version",
  "description": "Long-term, verifiable memory of your AI coding sessions, kept by a local daemon",
  "homepage": "${RELEASE_HOMEPAGE:-https://github.com/${RELEASE_REPOSITORY:-OWNER/REPO}}",
  "license": "${RELEASE_LICENSE:-Unknown}",
  "architecture": {
    "64bit": {
      "url": "$base/agent-memory-$version-windows-x64.zip",
      "hash": "${hash:-the release workflow fills this in}",
      "extract_dir": "agent-memory-$version-windows-x64"
    }
  },
  "bin": "bin\\\\memory-daemon.cmd",
  "notes": "The memory lives in %LOCALAPPDATA%\\\\agent-memory; 'memory-daemon start' runs the daemon, 'memory-daemon hooks install' connects Claude Code."
}
JSON
echo "Wrote $out/agent-memory.rb and $out/agent-memory.json"
