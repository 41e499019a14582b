// A fake Anthropic Messages API on loopback, for the real Claude Code CLI run by check.sh.
// Usage: node fake-messages.mjs PORT LOGFILE DECISION. Each request body is appended to LOGFILE (one
// line). It streams server-sent events the way the real API does: a Bash tool call first, then, once
// the conversation holds the tool's result, an answer: DECISION when the user asked about the
// ledger, else "Noted.".
import http from "node:http";
import fs from "node:fs";

const [port, logFile, decision] = [Number(process.argv[2]), process.argv[3], process.argv[4]];

function answer(messages) {
  const asked = JSON.stringify(messages.filter((m) => m.role === "user").map((m) => m.content));
  return /decide about the ledger/.test(asked) ? decision : "Noted.";
}

http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    if (!req.url.startsWith("/v1/messages")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end("{}");
      return;
    }
    fs.appendFileSync(logFile, body.replace(/\n/g, " ") + "\n");
    const request = JSON.parse(body || "{}");
    const messages = request.messages || [];
    const hasToolResult = JSON.stringify(messages).includes("tool_result");
    const offersBash = (request.tools || []).some((tool) => tool.name === "Bash");
    res.writeHead(200, { "content-type": "text/event-stream" });
    const send = (event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
    send("message_start", { message: { id: "msg_fake", type: "message", role: "assistant", model: "claude-fake",
      content: [], stop_reason: null, usage: { input_tokens: 10, output_tokens: 1 } } });
    if (offersBash && !hasToolResult) {
      send("content_block_start", { index: 0, content_block: { type: "tool_use", id: "toolu_fake", name: "Bash", input: {} } });
      send("content_block_delta", { index: 0, delta: { type: "input_json_delta",
        partial_json: JSON.stringify({ command: "echo ledger export checked", description: "Check the export" }) } });
      send("content_block_stop", { index: 0 });
      send("message_delta", { delta: { stop_reason: "tool_use" }, usage: { output_tokens: 5 } });
    } else {
      send("content_block_start", { index: 0, content_block: { type: "text", text: "" } });
      send("content_block_delta", { index: 0, delta: { type: "text_delta", text: answer(messages) } });
      send("content_block_stop", { index: 0 });
      send("message_delta", { delta: { stop_reason: "end_turn" }, usage: { output_tokens: 5 } });
    }
    send("message_stop", {});
    res.end();
  });
}).listen(port, "127.0.0.1");
