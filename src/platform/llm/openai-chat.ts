// ChatModel over any OpenAI-compatible POST /chat/completions endpoint (OpenAI, Ollama, vLLM, …), non-streaming.
import { z } from "zod";
import { ChatModelError, type ChatFinish, type ChatMessage, type ChatModel, type ChatRequest, type ChatResult } from "../../core/responses/chat-model";

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

function finishOf(reason: string | null | undefined, hasTools: boolean): ChatFinish {
  if (reason === "length" || reason === "content_filter") return reason;
  return hasTools ? "tool_calls" : "stop";
}

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

  async complete(request: ChatRequest): Promise<ChatResult> {
    const tools = request.tools ?? [];
    const body: Record<string, unknown> = {
      model: this.options.model ?? request.model,
      messages: request.messages.map(wireMessage),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.topP !== undefined ? { top_p: request.topP } : {}),
      ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    };
    if (tools.length > 0) {
      body.tools = tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters } }));
      body.tool_choice = request.toolChoice === undefined || request.toolChoice === "auto" ? "auto" : { type: "function", function: { name: request.toolChoice.name } };
    }
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${this.options.apiKey}` },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new ChatModelError(`Chat Completions request to ${this.url} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!response.ok) {
      const detail = (await response.text().catch(() => "")).slice(0, 300);
      throw new ChatModelError(`Chat Completions request to ${this.url} failed: ${response.status} ${detail}`, response.status);
    }
    const parsed = Completion.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new ChatModelError(`Chat Completions endpoint ${this.url} returned an unexpected body.`);
    const choice = parsed.data.choices[0]!;
    const toolCalls = (choice.message.tool_calls ?? []).map((t, i) => ({ id: t.id || `call_${i}`, name: t.function.name, arguments: t.function.arguments ?? "" }));
    return {
      content: choice.message.content ?? "",
      toolCalls,
      finish: finishOf(choice.finish_reason, toolCalls.length > 0),
      usage: { inputTokens: parsed.data.usage?.prompt_tokens ?? 0, outputTokens: parsed.data.usage?.completion_tokens ?? 0 },
      model: parsed.data.model ?? String(body.model),
    };
  }
}
