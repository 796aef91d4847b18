// A scripted fake Chat Completions server (non-streaming, with tool calls) for the e2e suites that run Shelf's model loop.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface WireToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}
export interface WireMessage {
  role: string;
  content: string | null;
  tool_calls?: WireToolCall[];
  tool_call_id?: string;
}
export interface ChatBody {
  model: string;
  messages: WireMessage[];
  tools?: { type: string; function: { name: string; description: string; parameters: { type: string } } }[];
  tool_choice?: unknown;
  temperature?: number;
  max_tokens?: number;
}
export type Reply = { content?: string; toolCalls?: { name: string; arguments: string }[]; finish?: string } | { status: number; error: string };

/** Throws unless the body is a valid Chat Completions request: roles, tool schema, tool_call ids answered in order. */
export function enforceShape(body: ChatBody): void {
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
}

/** One request the fake received, with the Authorization header it carried. */
export interface SeenRequest {
  body: ChatBody;
  authorization: string | undefined;
}

/** A scripted reply; a function builds its reply from the request (e.g. to cite the number a file was given). */
export type ScriptStep = Reply | ((body: ChatBody) => Reply);

/**
 * The fake: records each request in `seen`, checks its shape (400 otherwise), and answers POST /v1/chat/completions
 * with `nextStep()` (or "(script exhausted)"); every call reports 10 prompt and 5 completion tokens.
 */
export function fakeChatUpstream(seen: SeenRequest[], nextStep: () => ScriptStep | undefined): Server {
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    for await (const part of req) raw += String(part);
    const body = JSON.parse(raw) as ChatBody;
    seen.push({ body, authorization: req.headers.authorization });
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
    const next = nextStep() ?? { content: "(script exhausted)" };
    const reply = typeof next === "function" ? next(body) : next;
    if ("status" in reply) return send(reply.status, { error: { message: reply.error } });
    const toolCalls = (reply.toolCalls ?? []).map((t, i) => ({ id: `call_up_${seen.length}_${i}`, type: "function", function: t }));
    send(200, {
      id: "chatcmpl-1",
      object: "chat.completion",
      model: `${body.model}-upstream`,
      choices: [{ index: 0, finish_reason: reply.finish ?? (toolCalls.length ? "tool_calls" : "stop"), message: { role: "assistant", content: reply.content ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) } }],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    });
  });
}

/** The number the tool message gave a file, as the model would read it: "[n] filename (score …)". */
export function sourceNumber(body: ChatBody, filename: string): number {
  const tool = body.messages.filter((m) => m.role === "tool").map((m) => m.content ?? "").join("\n");
  const match = new RegExp(`\\[(\\d+)\\] ${filename.replace(".", "\\.")}`).exec(tool);
  if (!match) throw new Error(`${filename} not among the sources:\n${tool}`);
  return Number(match[1]);
}
