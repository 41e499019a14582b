package dev.agentmemory.daemon;

import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.hook.Redactor;

/** The ingest policy of a configuration, for the daemon and for offline imports alike. */
public final class IngestPolicies {
  private IngestPolicies() {}

  public static IngestPolicy of(DaemonConfig config) {
    DaemonConfig.RedactionConfig redaction = config.redaction();
    return new IngestPolicy(config.storage().maxEventBytes(), config.agentId(),
        new Redactor(redaction.enabled(), redaction.extraPatterns(), redaction.allow()));
  }
}
