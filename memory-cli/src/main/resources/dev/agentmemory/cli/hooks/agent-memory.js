// agent-memory: written by `memory-daemon hooks install --agent opencode`
// Captures OpenCode sessions into agent-memory (OpenCode V1 plugin API). Each event is handed to
// `memory-daemon hook --agent opencode` on stdin, in the background: the hook writes it to the
// durable spool and the daemon takes it in, whether or not the daemon runs right now. Nothing here
// waits for it or can fail the session. Remove with `memory-daemon hooks uninstall --agent opencode`.
import { spawn } from "node:child_process";

const LAUNCHER = "{{memory-daemon}}";

export const AgentMemory = async ({ directory, worktree }) => {
  const toolArgs = new Map(); // callID -> the arguments seen by tool.execute.before
  const answers = new Map(); // messageID -> { sessionID, parts: Map(partID -> text), done }

  const send = (name, body) => {
    try {
      const child = spawn(LAUNCHER, ["hook", "--agent", "opencode"], {
        stdio: ["pipe", "ignore", "ignore"],
        detached: true,
      });
      child.on("error", () => {});
      child.stdin.on("error", () => {});
      child.stdin.end(JSON.stringify({ hook_event_name: name, directory, worktree, timestamp: Date.now(), ...body }));
      child.unref();
    } catch {
      // capture must never break the session
    }
  };

  const answer = (messageID) => {
    if (!answers.has(messageID)) answers.set(messageID, { sessionID: undefined, parts: new Map(), done: false });
    return answers.get(messageID);
  };

  // An assistant message streams as many updates; it is sent once, complete, when its session is idle.
  const flush = (sessionID) => {
    for (const [messageID, entry] of answers) {
      if (entry.sessionID !== sessionID) continue;
      const text = [...entry.parts.values()].filter((t) => t && t.trim()).join("\n");
      if (text) send("message.completed", { sessionID, messageID, text });
      answers.delete(messageID);
    }
  };

  return {
    "chat.message": async (input, output) => {
      send("chat.message", { input, output: { parts: output?.parts ?? [] } });
    },
    "tool.execute.before": async (input, output) => {
      toolArgs.set(input.callID, output?.args);
    },
    "tool.execute.after": async (input, output) => {
      const args = toolArgs.get(input.callID);
      toolArgs.delete(input.callID);
      send("tool.execute.after", { input, args, output: { title: output?.title, output: output?.output } });
    },
    event: async ({ event }) => {
      const p = event?.properties ?? {};
      switch (event?.type) {
        case "session.created":
        case "session.deleted":
        case "session.compacted":
        case "session.error":
          send(event.type, { properties: p });
          break;
        case "message.updated":
          if (p.info?.role === "assistant") answer(p.info.id).sessionID = p.info.sessionID;
          break;
        case "message.part.updated":
          if (p.part?.type === "text" && !p.part.synthetic && answers.has(p.part.messageID)) {
            answer(p.part.messageID).parts.set(p.part.id, p.part.text);
          }
          break;
        case "session.idle":
          flush(p.sessionID);
          break;
      }
    },
  };
};
