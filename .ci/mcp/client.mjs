// The official TypeScript MCP client drives `memory-daemon mcp` over stdio, from the project's
// directory, the way a coding agent does: lists the tools, searches, checks a bad call is a tool
// error. Usage: node client.mjs LAUNCHER PROJECT_DIR QUERY EXPECTED (EXPECTED must be in a hit, not
// in the query: an answer that only repeats the query proves nothing)
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [launcher, projectDir, query, expected] = process.argv.slice(2);
const fail = (message) => { console.error(`MCP client check failed: ${message}`); process.exit(1); };
const text = (result) => result.content.map((c) => c.text).join("");

const transport = new StdioClientTransport({ command: launcher, args: ["mcp"], cwd: projectDir, env: process.env, stderr: "inherit" });
const client = new Client({ name: "ci-typescript-client", version: "1.0.0" });
await client.connect(transport);

const tools = (await client.listTools()).tools.map((t) => t.name);
for (const name of ["memory_search", "memory_recent", "memory_browse", "memory_expand", "memory_forget"]) {
  if (!tools.includes(name)) fail(`tool ${name} missing from ${tools}`);
}
const found = await client.callTool({ name: "memory_search", arguments: { query, mode: "bm25", limit: 3 } });
if (found.isError || !text(found).includes(expected)) fail(`memory_search "${query}" did not find "${expected}": ${text(found)}`);
const recent = await client.callTool({ name: "memory_recent", arguments: { days: 1 } });
if (recent.isError || !text(recent).includes("toc:segment:")) fail(`memory_recent: ${text(recent)}`);
const bad = await client.callTool({ name: "memory_search", arguments: { query: "x", limit: 500 } });
if (!bad.isError) fail(`limit 500 was accepted: ${text(bad)}`);
await client.close();
console.log(`MCP client check passed: ${tools.length} tools; memory_search found "${expected}"`);
