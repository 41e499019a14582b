package dev.agentmemory.cli.doctor;

import java.util.Optional;

/**
 * One finding of {@code doctor}: what was looked at, how it is, and for a problem what to do.
 *
 * @param area runtime, daemon, store, disk, spool, permissions, or an agent's name
 */
public record Check(String area, Status status, String detail, Optional<String> fix) {
  public enum Status { OK, WARN, FAIL }

  public static Check ok(String area, String detail) {
    return new Check(area, Status.OK, detail, Optional.empty());
  }

  public static Check warn(String area, String detail, String fix) {
    return new Check(area, Status.WARN, detail, Optional.of(fix));
  }

  public static Check fail(String area, String detail, String fix) {
    return new Check(area, Status.FAIL, detail, Optional.of(fix));
  }
}
