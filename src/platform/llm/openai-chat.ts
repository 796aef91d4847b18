// ChatModel over any OpenAI-compatible POST /chat/completions endpoint (OpenAI, Ollama, vLLM, …), streamed or not.
import { z } from "zod";
import { ChatModelError, type ChatMessage, type ChatModel, type ChatRequest, type ChatResult, type ChatStream } from "../../core/responses/chat-model";
import { finishOf, readChatStream } from "./openai-chat-stream";

export interface OpenAIChatOptions {
  /** Up to and including the version segment, e.g. "https://api.openai.com/v1". */
  baseURL: string;
  apiKey: string;
  /** When set, replaces the request's model on every call (LLM_MODEL). */
  model?: string | undefined;
}

const Completion = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        finish_reason: z.string().nullable().optional(),
        message: z.object({
          content: z.string().nullable().optional(),
          tool_calls: z
            .array(z.object({ id: z.string().optional(), function: z.object({ name: z.string(), arguments: z.string().nullable().optional() }) }))
            .nullable()
            .optional(),
        }),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).nullable().optional(),
});

/** The wire message of Chat Completions for one transcript message. */
function wireMessage(m: ChatMessage): Record<string, unknown> {
  if (m.role === "tool") return { role: "tool", tool_call_id: m.toolCallId, content: m.content };
  if (m.role === "assistant" && m.toolCalls?.length)
    return {
      role: "assistant",
      content: m.content || null,
      tool_calls: m.toolCalls.map((t) => ({ id: t.id, type: "function", function: { name: t.name, arguments: t.arguments } })),
    };
  return { role: m.role, content: m.content };
}

export class OpenAIChatModel implements ChatModel {
  readonly kind = "openai";
  private readonly url: string;

  constructor(private readonly options: OpenAIChatOptions) {
    this.url = `${options.baseURL.replace(/\/+$/, "")}/chat/completions`;
  }

  /** The Chat Completions body of one call; `stream` adds stream_options.include_usage so the last chunk has usage. */
  private body(request: ChatRequest, stream: boolean): Record<string, unknown> {
    const tools = request.tools ?? [];
    const format = request.responseFormat;
    const body: Record<string, unknown> = {
      model: this.options.model ?? request.model,
      messages: request.messages.map(wireMessage),
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.topP !== undefined ? { top_p: request.topP } : {}),
      ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    };
    if (format?.type === "json_object") body.response_format = { type: "json_object" };
    if (format?.type === "json_schema") {
      const { type, ...jsonSchema } = format;
      body.response_format = { type, json_schema: jsonSchema };
    }
    if (tools.length > 0) {
      body.tools = tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters } }));
      const choice = request.toolChoice ?? "auto";
      body.tool_choice = typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } };
      if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
    }
    return body;
  }

  /** POSTs the body; a network failure or a non-2xx answer throws ChatModelError (with the upstream's status). */
  private async post(body: Record<string, unknown>, signal?: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${this.options.apiKey}` },
        body: JSON.stringify(body),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      // The endpoint's address stays in the log: LLM_BASE_URL is configuration, not something API clients should see.
      logUpstream(this.url, error instanceof Error ? error.message : String(error));
      throw new ChatModelError("The model endpoint could not be reached.");
    }
    if (!response.ok) {
      const detail = (await response.text().catch(() => "")).slice(0, 2000);
      logUpstream(this.url, `${response.status} ${detail}`);
      throw new ChatModelError(`The model endpoint answered ${response.status}${upstreamMessage(detail)}`, response.status);
    }
    return response;
  }

  /** Reads a whole (non-streamed) chat.completion body. */
  private async parse(response: Response, fallbackModel: string): Promise<ChatResult> {
    const parsed = Completion.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new ChatModelError("The model endpoint returned an unexpected body.");
    const choice = parsed.data.choices[0]!;
    const toolCalls = (choice.message.tool_calls ?? []).map((t, i) => ({ id: t.id || `call_${i}`, name: t.function.name, arguments: t.function.arguments ?? "" }));
    return {
      content: choice.message.content ?? "",
      toolCalls,
      finish: finishOf(choice.finish_reason, toolCalls.length > 0),
      usage: { inputTokens: parsed.data.usage?.prompt_tokens ?? 0, outputTokens: parsed.data.usage?.completion_tokens ?? 0 },
      model: parsed.data.model ?? fallbackModel,
    };
  }

  async complete(request: ChatRequest): Promise<ChatResult> {
    const body = this.body(request, false);
    return this.parse(await this.post(body, request.signal), String(body.model));
  }

  /** Streams with `stream: true`; an endpoint that answers with one JSON body anyway gives its text as one delta. */
  async *stream(request: ChatRequest): ChatStream {
    const body = this.body(request, true);
    const response = await this.post(body, request.signal);
    if (!(response.headers.get("content-type") ?? "").includes("text/event-stream") || !response.body) {
      const result = await this.parse(response, String(body.model));
      if (result.content) yield result.content;
      return result;
    }
    return yield* readChatStream(response.body, this.url, String(body.model));
  }
}

/** Logs an upstream failure with the endpoint's address (which clients are not shown). */
function logUpstream(url: string, detail: string): void {
  console.error(JSON.stringify({ level: "error", msg: "model endpoint failed", url, detail: detail.slice(0, 2000) }));
}

/** ": <the upstream's own error message>" from an OpenAI-style error body, or "" when it has none (≤ 300 chars). */
function upstreamMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.message);
    return typeof message === "string" && message ? `: ${message.slice(0, 300)}` : ".";
  } catch {
    return ".";
  }
}
