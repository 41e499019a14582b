package dev.agentmemory.hook;

/**
 * Wire numbers of event types and roles (../shared/spec/wire-protocol.md): fixed by the protocol,
 * repeated here so the hook needs neither protobuf nor the storage module.
 */
final class Wire {
  static final int TYPE_UNSPECIFIED = 0;
  static final int TYPE_SESSION_START = 1;
  static final int TYPE_USER_MESSAGE = 2;
  static final int TYPE_ASSISTANT_MESSAGE = 3;
  static final int TYPE_TOOL_RESULT = 4;
  static final int TYPE_ASSISTANT_STOP = 5;
  static final int TYPE_SUBAGENT_START = 6;
  static final int TYPE_SUBAGENT_STOP = 7;
  static final int TYPE_SESSION_END = 8;

  static final int ROLE_USER = 1;
  static final int ROLE_ASSISTANT = 2;
  static final int ROLE_SYSTEM = 3;
  static final int ROLE_TOOL = 4;

  private Wire() {}
}
