// ChatModel over the Workers AI binding with "traditional" function calling (flat tools; tool_calls without ids).
import { EventSourceParserStream } from "eventsource-parser/stream";
import { z } from "zod";
import { ChatModelError, type ChatMessage, type ChatModel, type ChatRequest, type ChatResult, type ChatStream } from "../../core/responses/chat-model";

/** A Workers AI model with function calling; used when neither LLM_MODEL nor the request names a Workers AI model. */
export const DEFAULT_WORKERS_AI_CHAT_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

/** The binding's one method this adapter uses (structurally the `Ai` binding). */
export interface AiRunner {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

const Output = z.object({
  response: z.union([z.string(), z.record(z.string(), z.unknown())]).nullable().optional(),
  tool_calls: z.array(z.object({ name: z.string(), arguments: z.unknown().optional() })).nullable().optional(),
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).nullable().optional(),
});

/** One event of a streamed Workers AI text generation. */
const StreamEvent = z.object({
  response: z.string().nullable().optional(),
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).nullable().optional(),
});

/**
 * Workers AI messages carry only role and content: an assistant turn that called tools is sent as its text (or the
 * calls as JSON), a tool result as role "tool" with the tool's name (Cloudflare's function-calling docs).
 */
function wireMessage(m: ChatMessage, names: Map<string, string>): Record<string, unknown> {
  if (m.role === "tool") return { role: "tool", name: names.get(m.toolCallId) ?? "tool", content: m.content };
  if (m.role === "assistant" && m.toolCalls?.length) {
    for (const t of m.toolCalls) names.set(t.id, t.name);
    return { role: "assistant", content: m.content || JSON.stringify(m.toolCalls.map((t) => ({ name: t.name, arguments: t.arguments }))) };
  }
  return { role: m.role, content: m.content };
}

export class WorkersAiChatModel implements ChatModel {
  readonly kind = "workers-ai";

  constructor(
    private readonly ai: AiRunner,
    /** LLM_MODEL: when set, every call runs this model. */
    private readonly model: string | undefined,
  ) {}

  /** LLM_MODEL, else the request's model when it is a Workers AI id (@cf/…, @hf/…), else the default. */
  private modelFor(requested: string): string {
    if (this.model) return this.model;
    return /^@(cf|hf)\//.test(requested) ? requested : DEFAULT_WORKERS_AI_CHAT_MODEL;
  }

  /** The binding's inputs for one call (flat tools; JSON mode as Workers AI's response_format). */
  private inputs(request: ChatRequest): Record<string, unknown> {
    const names = new Map<string, string>();
    const tools = request.tools ?? [];
    const format = request.responseFormat;
    return {
      messages: request.messages.map((m) => wireMessage(m, names)),
      ...(tools.length ? { tools: tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters })) } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.topP !== undefined ? { top_p: request.topP } : {}),
      ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
      ...(format?.type === "json_object" ? { response_format: { type: "json_object" } } : {}),
      ...(format?.type === "json_schema" ? { response_format: { type: "json_schema", json_schema: format.schema } } : {}),
    };
  }

  async complete(request: ChatRequest): Promise<ChatResult> {
    const model = this.modelFor(request.model);
    const tools = request.tools ?? [];
    const inputs = this.inputs(request);
    let raw: unknown;
    try {
      raw = await this.ai.run(model, inputs);
    } catch (error) {
      throw new ChatModelError(`Workers AI ${model} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = Output.safeParse(raw);
    if (!parsed.success) throw new ChatModelError(`Workers AI ${model} returned an unexpected output.`);
    const { response, tool_calls, usage } = parsed.data;
    // Workers AI gives no call ids: they are made up here, one per call in order.
    const toolCalls = tools.length
      ? (tool_calls ?? []).map((t, i) => ({ id: `call_${i}`, name: t.name, arguments: typeof t.arguments === "string" ? t.arguments : JSON.stringify(t.arguments ?? {}) }))
      : [];
    return {
      content: typeof response === "string" ? response : response ? JSON.stringify(response) : "",
      toolCalls,
      finish: toolCalls.length ? "tool_calls" : "stop",
      usage: { inputTokens: usage?.prompt_tokens ?? 0, outputTokens: usage?.completion_tokens ?? 0 },
      model,
    };
  }

  /**
   * Tool-deciding calls are not streamed (Workers AI tool-call streaming is unconfirmed, notes §7.5): their text comes
   * as one delta. A call without tools runs with `stream: true`; when the binding returns an SSE stream of
   * `{response}` events its text is forwarded as it comes, otherwise the whole text is yielded once.
   */
  async *stream(request: ChatRequest): ChatStream {
    if (request.tools?.length) {
      const result = await this.complete(request);
      if (result.content) yield result.content;
      return result;
    }
    const model = this.modelFor(request.model);
    let raw: unknown;
    try {
      raw = await this.ai.run(model, { ...this.inputs(request), stream: true });
    } catch (error) {
      throw new ChatModelError(`Workers AI ${model} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!(raw instanceof ReadableStream)) {
      const parsed = Output.safeParse(raw);
      if (!parsed.success) throw new ChatModelError(`Workers AI ${model} returned an unexpected output.`);
      const { response, usage } = parsed.data;
      const content = typeof response === "string" ? response : response ? JSON.stringify(response) : "";
      if (content) yield content;
      return { content, toolCalls: [], finish: "stop", usage: { inputTokens: usage?.prompt_tokens ?? 0, outputTokens: usage?.completion_tokens ?? 0 }, model };
    }
    const reader = (raw as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
    let content = "";
    const usage = { inputTokens: 0, outputTokens: 0 };
    for (;;) {
      let next: ReadableStreamReadResult<{ data: string }>;
      try {
        next = await reader.read();
      } catch (error) {
        throw new ChatModelError(`Workers AI ${model} stream broke off: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (next.done || next.value.data === "[DONE]") break;
      let data: unknown;
      try {
        data = JSON.parse(next.value.data);
      } catch {
        continue;
      }
      const event = StreamEvent.safeParse(data);
      if (!event.success) continue;
      if (event.data.usage) usage.inputTokens = event.data.usage.prompt_tokens ?? 0;
      if (event.data.usage) usage.outputTokens = event.data.usage.completion_tokens ?? 0;
      if (event.data.response) {
        content += event.data.response;
        yield event.data.response;
      }
    }
    return { content, toolCalls: [], finish: "stop", usage, model };
  }
}
