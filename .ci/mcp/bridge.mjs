// The MCP conformance suite speaks Streamable HTTP only; `memory-daemon mcp` speaks stdio. This
// relay gives every HTTP session its own `memory-daemon mcp` process and passes messages through
// unchanged, so the suite checks the stdio server itself. Usage: node bridge.mjs LAUNCHER PORT
import http from "node:http";
import { randomUUID } from "node:crypto";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [launcher, port] = process.argv.slice(2);
const sessions = new Map();

async function openSession() {
  const child = new StdioClientTransport({ command: launcher, args: ["mcp"], env: process.env, stderr: "inherit" });
  const front = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    enableJsonResponse: true,
    onsessioninitialized: (id) => sessions.set(id, front),
  });
  front.onmessage = (message) => child.send(message);
  child.onmessage = (message) => front.send(message);
  front.onclose = () => { sessions.delete(front.sessionId); child.close(); };
  await child.start();
  await front.start();
  return front;
}

http.createServer(async (req, res) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  const parsed = body ? JSON.parse(body) : undefined;
  const id = req.headers["mcp-session-id"];
  const front = id ? sessions.get(id) : parsed?.method === "initialize" ? await openSession() : undefined;
  if (!front) {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: "unknown or missing session" }, id: null }));
    return;
  }
  await front.handleRequest(req, res, parsed);
}).listen(Number(port), "127.0.0.1", () => console.log(`bridge on http://127.0.0.1:${port}/mcp`));
