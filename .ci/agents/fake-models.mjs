// Fake model APIs on loopback for the real Codex CLI (OpenAI Responses), Gemini CLI (Gemini API)
// and OpenCode (OpenAI chat completions), run by check.sh. Usage: node fake-models.mjs PORT LOGFILE
// DECISION. Each request body is appended to LOGFILE (one line). Every dialect streams the way the
// real API does: a shell tool call first, then, once the conversation holds the tool's result, an
// answer: DECISION when the user asked about the ledger, else "Noted.".
import http from "node:http";
import fs from "node:fs";

const [port, logFile, decision] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
const command = "echo ledger export checked";
const usage = { input_tokens: 10, output_tokens: 5, total_tokens: 15,
  input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } };

const answer = (conversation) => (/decide about the ledger/.test(conversation) ? decision : "Noted.");
const sse = (res) => {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  return res;
};

// Codex CLI: POST /v1/responses, named events; the shell tool is exec_command (its argument name
// read from the tool's schema)
function responses(request, res) {
  const input = JSON.stringify(request.input || []);
  const shell = (request.tools || []).find((tool) => tool.name === "exec_command" || tool.name === "shell");
  const send = (event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  const response = { id: "resp_fake", object: "response", status: "in_progress", model: request.model, output: [] };
  sse(res);
  send("response.created", { response });
  let item;
  if (shell && !input.includes("function_call_output")) {
    const properties = Object.keys(shell.parameters?.properties || {});
    const args = properties.includes("cmd") ? { cmd: command } : { command: ["bash", "-lc", command] };
    item = { type: "function_call", id: "fc_fake", call_id: "call_fake", name: shell.name, arguments: JSON.stringify(args) };
  } else {
    const text = answer(JSON.stringify((request.input || []).filter((i) => i.role === "user")));
    item = { type: "message", id: "msg_fake", role: "assistant", status: "completed",
      content: [{ type: "output_text", text, annotations: [] }] };
    send("response.output_item.added", { output_index: 0, item: { ...item, content: [] } });
    send("response.output_text.delta", { item_id: item.id, output_index: 0, content_index: 0, delta: text });
  }
  if (item.type === "function_call") {
    send("response.output_item.added", { output_index: 0, item });
  }
  send("response.output_item.done", { output_index: 0, item });
  send("response.completed", { response: { ...response, status: "completed", output: [item], usage } });
  res.end();
}

// Gemini CLI: generateContent (routing and checks that want JSON) and streamGenerateContent (SSE)
function gemini(url, request, res) {
  const contents = JSON.stringify(request.contents || []);
  const candidate = (parts) => ({ candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 } });
  if (url.includes(":countTokens")) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ totalTokens: 10 }));
  } else if (url.includes(":generateContent")) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(candidate([{ text: JSON.stringify({ reasoning: "a fake model", model_choice: "flash",
      next_speaker: "user" }) }])));
  } else {
    const tools = JSON.stringify(request.tools || []);
    const parts = tools.includes("run_shell_command") && !contents.includes("functionResponse")
      ? [{ functionCall: { name: "run_shell_command", args: { command, description: "Check the export" } } }]
      : [{ text: answer(JSON.stringify((request.contents || []).filter((c) => c.role === "user"))) }];
    sse(res).write(`data: ${JSON.stringify(candidate(parts))}\n\n`);
    res.end();
  }
}

// OpenCode: POST /v1/chat/completions, chunks and [DONE]; a first request without tools asks for a title
function chat(request, res) {
  const messages = request.messages || [];
  const offersBash = (request.tools || []).some((tool) => tool.function?.name === "bash");
  const chunk = (delta, finish) => `data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000), model: request.model,
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...(finish ? { usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } } : {}) })}\n\n`;
  sse(res);
  if (offersBash && !messages.some((m) => m.role === "tool")) {
    res.write(chunk({ role: "assistant", tool_calls: [{ index: 0, id: "call_fake", type: "function",
      function: { name: "bash", arguments: JSON.stringify({ command, description: "Check the export" }) } }] }, null));
    res.write(chunk({}, "tool_calls"));
  } else {
    const text = offersBash ? answer(JSON.stringify(messages.filter((m) => m.role === "user"))) : "Ledger decision";
    res.write(chunk({ role: "assistant", content: text }, null));
    res.write(chunk({}, "stop"));
  }
  res.end("data: [DONE]\n\n");
}

http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    fs.appendFileSync(logFile, `${req.method} ${req.url} ${body.replace(/\n/g, " ")}\n`);
    const request = body ? JSON.parse(body) : {};
    if (req.url.startsWith("/v1/responses")) {
      responses(request, res);
    } else if (req.url.startsWith("/v1beta/models/")) {
      gemini(req.url, request, res);
    } else if (req.url.startsWith("/v1/chat/completions")) {
      chat(request, res);
    } else {
      res.writeHead(404, { "content-type": "application/json" });
      res.end("{}");
    }
  });
}).listen(port, "127.0.0.1");
