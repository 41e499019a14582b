@echo off
rem Launcher of the memory-daemon command on Windows. Not run by any test here (docs/install.md:
rem "Other platforms"). A release brings its own Java runtime (runtime\); without it JAVA_HOME picks
rem one (17 or newer), else java on the PATH. MEMORY_DAEMON_OPTS adds JVM options. The hook goes
rem through the command too (memory-daemon hook): no class path of its own here.
setlocal
set "INSTALL_DIR=%~dp0.."
if exist "%INSTALL_DIR%\runtime\bin\java.exe" (
  set "JAVA_CMD=%INSTALL_DIR%\runtime\bin\java.exe"
) else if defined JAVA_HOME (
  set "JAVA_CMD=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA_CMD=java"
)
set "MEMORY_DAEMON_LAUNCHER=%~f0"
rem a command answers long before the full JIT pays off (one compiler thread: docs/benchmarks.md#cli-latency); the daemon (start) gets it
set "JIT=-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
if /i "%~1"=="start" set "JIT="
set "CDS="
if exist "%INSTALL_DIR%\lib\cli.jsa" set "CDS=-XX:SharedArchiveFile=%INSTALL_DIR%\lib\cli.jsa"
"%JAVA_CMD%" -Dapp.name=memory-daemon -XX:+UseSerialGC -Xms16m -XX:+ExitOnOutOfMemoryError %JIT% %CDS% -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr %MEMORY_DAEMON_OPTS% -cp "%INSTALL_DIR%\lib\*" dev.agentmemory.cli.Main %*
exit /b %ERRORLEVEL%
