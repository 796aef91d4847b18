// A scripted fake Chat Completions server (node:http) for the Responses e2e suites: streamed (SSE chunks) and not.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface WireToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}
interface WireMessage {
  role: string;
  content: string | null;
  tool_calls?: WireToolCall[];
  tool_call_id?: string;
}
/** The Chat Completions request body as the fake reads it. */
export interface ChatBody {
  model: string;
  messages: WireMessage[];
  tools?: { type: string; function: { name: string; description: string; parameters: { type: string } } }[];
  tool_choice?: unknown;
  temperature?: number;
  max_tokens?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: unknown;
  parallel_tool_calls?: boolean;
}

/**
 * One scripted answer. `chunks` splits the streamed content (default: 4-character pieces); after `holdAfter` chunks
 * the stream waits for `hold`; after `breakAfter` chunks the connection is dropped; after `errorAfter` chunks an
 * `error` payload ends the stream. `{status, error}` answers that HTTP error instead.
 */
export type Reply =
  | {
      content?: string;
      chunks?: string[];
      toolCalls?: { name: string; arguments: string }[];
      finish?: string;
      holdAfter?: number;
      hold?: Promise<void>;
      breakAfter?: number;
      errorAfter?: number;
      /** Fixed latency (benchmarks): ms before the first byte, and ms between streamed chunks. */
      firstMs?: number;
      chunkMs?: number;
    }
  | { status: number; error: string };

/** Throws unless the body is a valid Chat Completions request: roles, tool schema, tool_call ids answered in order. */
function enforceShape(body: ChatBody): void {
  if (typeof body.model !== "string" || !Array.isArray(body.messages) || body.messages.length === 0) throw new Error("model and messages are required");
  const open = new Set<string>();
  for (const m of body.messages) {
    if (!["system", "user", "assistant", "tool"].includes(m.role)) throw new Error(`bad role ${m.role}`);
    if (m.role === "tool") {
      if (!m.tool_call_id || !open.has(m.tool_call_id)) throw new Error(`tool message answers an unknown tool_call_id ${m.tool_call_id}`);
      open.delete(m.tool_call_id);
      if (typeof m.content !== "string") throw new Error("tool content must be a string");
    } else if (open.size > 0) throw new Error("tool calls left unanswered");
    for (const t of m.tool_calls ?? []) {
      if (t.type !== "function" || !t.id || typeof t.function.arguments !== "string") throw new Error("bad tool call");
      open.add(t.id);
    }
    if (m.role !== "assistant" && m.role !== "tool" && typeof m.content !== "string") throw new Error(`${m.role} content must be a string`);
  }
  for (const t of body.tools ?? []) {
    if (t.type !== "function" || !t.function.name || t.function.parameters?.type !== "object") throw new Error("bad tool schema");
  }
  if (body.tool_choice !== undefined && !body.tools?.length) throw new Error("tool_choice without tools");
  if (body.parallel_tool_calls !== undefined && !body.tools?.length) throw new Error("parallel_tool_calls without tools");
  if (body.stream_options !== undefined && body.stream !== true) throw new Error("stream_options without stream");
}

/** The fake's state: the requests it saw, and the replies still to give (a function builds one from the request). */
export const upstream = {
  seen: [] as { body: ChatBody; authorization: string | undefined }[],
  script: [] as (Reply | ((body: ChatBody) => Reply))[],
  /** Set when a streamed reply finished writing (after any hold). */
  finished: 0,
  /** Per answered call, performance.now() ms: request received, first byte written, last byte written. */
  timings: [] as { start: number; firstByte: number; end: number }[],
};

const sleep = (ms: number | undefined) => (ms ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

const chunkOf = (body: ChatBody, delta: Record<string, unknown>, finish: string | null = null) => ({
  id: "chatcmpl-1",
  object: "chat.completion.chunk",
  model: `${body.model}-upstream`,
  choices: [{ index: 0, delta, finish_reason: finish }],
});

async function stream(res: ServerResponse, body: ChatBody, reply: Exclude<Reply, { status: number }>, callNumber: number, start: number): Promise<void> {
  await sleep(reply.firstMs);
  const firstByte = performance.now();
  res.writeHead(200, { "content-type": "text/event-stream" });
  const write = (json: unknown) => res.write(`data: ${JSON.stringify(json)}\n\n`);
  const content = reply.content ?? "";
  const pieces = reply.chunks ?? (content.match(/[^]{1,4}/gu) ?? []);
  write(chunkOf(body, { role: "assistant", content: "" }));
  for (const [i, piece] of pieces.entries()) {
    if (i === reply.holdAfter) await reply.hold;
    // A dropped connection: the socket closes without the chunked body's end.
    if (i === reply.breakAfter) return void res.socket?.end();
    if (i === reply.errorAfter) {
      write({ error: { message: "upstream overloaded mid-stream", type: "server_error" } });
      return void res.end();
    }
    if (i > 0) await sleep(reply.chunkMs);
    write(chunkOf(body, { content: piece }));
  }
  for (const [index, t] of (reply.toolCalls ?? []).entries()) {
    const half = Math.ceil(t.arguments.length / 2);
    write(chunkOf(body, { tool_calls: [{ index, id: `call_up_${callNumber}_${index}`, type: "function", function: { name: t.name, arguments: "" } }] }));
    write(chunkOf(body, { tool_calls: [{ index, function: { arguments: t.arguments.slice(0, half) } }] }));
    write(chunkOf(body, { tool_calls: [{ index, function: { arguments: t.arguments.slice(half) } }] }));
  }
  write(chunkOf(body, {}, reply.finish ?? (reply.toolCalls?.length ? "tool_calls" : "stop")));
  if (body.stream_options?.include_usage) write({ id: "chatcmpl-1", object: "chat.completion.chunk", model: `${body.model}-upstream`, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
  res.write("data: [DONE]\n\n");
  upstream.finished++;
  res.end();
  upstream.timings.push({ start, firstByte, end: performance.now() });
}

const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
  const start = performance.now();
  let raw = "";
  for await (const part of req) raw += String(part);
  const body = JSON.parse(raw) as ChatBody;
  upstream.seen.push({ body, authorization: req.headers.authorization });
  const send = (status: number, json: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(json));
  };
  try {
    enforceShape(body);
  } catch (error) {
    return send(400, { error: { message: (error as Error).message } });
  }
  if (req.url !== "/v1/chat/completions") return send(404, { error: { message: `no route ${req.url}` } });
  const next = upstream.script.shift() ?? { content: "(script exhausted)" };
  const reply = typeof next === "function" ? next(body) : next;
  if ("status" in reply) return send(reply.status, { error: { message: reply.error } });
  if (body.stream) return stream(res, body, reply, upstream.seen.length, start);
  await sleep((reply.firstMs ?? 0) + (reply.chunkMs ?? 0) * Math.max(0, (reply.chunks?.length ?? 1) - 1));
  const toolCalls = (reply.toolCalls ?? []).map((t, i) => ({ id: `call_up_${upstream.seen.length}_${i}`, type: "function", function: t }));
  upstream.finished++;
  send(200, {
    id: "chatcmpl-1",
    object: "chat.completion",
    model: `${body.model}-upstream`,
    choices: [{ index: 0, finish_reason: reply.finish ?? (toolCalls.length ? "tool_calls" : "stop"), message: { role: "assistant", content: reply.content ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) } }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  });
  const end = performance.now();
  upstream.timings.push({ start, firstByte: end, end });
});

/** Starts the fake on a free port; returns its base URL (…/v1). */
export async function startFakeChat(): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

export async function stopFakeChat(): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The number the tool (or pre-retrieval system) message gave a file, as the model would read it: "[n] filename (score …)". */
export function sourceNumber(body: ChatBody, filename: string): number {
  const tool = body.messages.filter((m) => m.role === "tool" || m.role === "system").map((m) => m.content ?? "").join("\n");
  const match = new RegExp(`\\[(\\d+)\\] ${filename.replace(".", "\\.")}`).exec(tool);
  if (!match) throw new Error(`${filename} not among the sources:\n${tool}`);
  return Number(match[1]);
}
