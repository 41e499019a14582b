// The OpenCode plugin as OpenCode runs it (V1 plugin API): loaded as a module, its hooks called
// with events shaped as OpenCode sends them. Its launcher is swapped for a stub that records each
// payload, so this checks what the plugin hands to `memory-daemon hook --agent opencode`.
// Usage: node check.mjs PLUGIN.js   (.ci/run passes the plugin from memory-cli's resources)
import { readFileSync, writeFileSync, mkdtempSync, readdirSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";

const dir = mkdtempSync(join(tmpdir(), "opencode-plugin-"));
const stub = join(dir, "memory-daemon");
// written whole, then renamed: the check never reads half a payload
writeFileSync(stub, `#!/bin/sh\n[ "$1 $2 $3" = "hook --agent opencode" ] || exit 3\ncat > "${dir}/.part-$$" && mv "${dir}/.part-$$" "${dir}/payload-$$.json"\n`);
chmodSync(stub, 0o755);
const plugin = join(dir, "agent-memory.mjs");
writeFileSync(plugin, readFileSync(process.argv[2], "utf8").replace("{{memory-daemon}}", stub));

const { AgentMemory } = await import(plugin);
const hooks = await AgentMemory({ directory: "/home/dev/kiln", worktree: "/home/dev/kiln", client: {}, $: undefined });
const session = "ses_check";
await hooks.event({ event: { type: "session.created", properties: { info: { id: session, directory: "/home/dev/kiln" } } } });
await hooks["chat.message"]({ sessionID: session, messageID: "msg_1" },
  { message: {}, parts: [{ id: "p1", type: "text", text: "Make the queue fair." }] });
await hooks["tool.execute.before"]({ tool: "bash", sessionID: session, callID: "c1" }, { args: { command: "go test" } });
await hooks["tool.execute.after"]({ tool: "bash", sessionID: session, callID: "c1" }, { title: "go test", output: "FAIL", metadata: {} });
await hooks.event({ event: { type: "message.updated", properties: { info: { id: "msg_2", sessionID: session, role: "assistant" } } } });
for (const text of ["I rep", "I replaced the pop", "I replaced the pop with round robin."]) {
  await hooks.event({ event: { type: "message.part.updated", properties: { part: { id: "p2", messageID: "msg_2", sessionID: session, type: "text", text } } } });
}
await hooks.event({ event: { type: "session.idle", properties: { sessionID: session } } });
await hooks.event({ event: { type: "session.idle", properties: { sessionID: session } } });

const deadline = Date.now() + 10000;
let payloads = [];
while (Date.now() < deadline) {
  payloads = readdirSync(dir).filter((f) => f.startsWith("payload-")).map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
  if (payloads.length >= 4) break;
  await new Promise((r) => setTimeout(r, 100));
}
await new Promise((r) => setTimeout(r, 500));
payloads = readdirSync(dir).filter((f) => f.startsWith("payload-")).map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
const byName = Object.groupBy ? Object.groupBy(payloads, (p) => p.hook_event_name)
  : payloads.reduce((m, p) => ((m[p.hook_event_name] ??= []).push(p), m), {});
assert.equal(payloads.length, 4, `four payloads, got ${JSON.stringify(payloads)}`);
assert.equal(byName["session.created"][0].properties.info.id, session);
assert.equal(byName["chat.message"][0].output.parts[0].text, "Make the queue fair.");
assert.deepEqual(byName["tool.execute.after"][0].args, { command: "go test" });
assert.equal(byName["tool.execute.after"][0].output.output, "FAIL");
assert.equal(byName["message.completed"].length, 1, "the streamed answer is sent once");
assert.equal(byName["message.completed"][0].text, "I replaced the pop with round robin.");
for (const p of payloads) {
  assert.equal(p.directory, "/home/dev/kiln");
  assert.equal(typeof p.timestamp, "number");
}
console.log("OpenCode plugin: 4 payloads as expected");
