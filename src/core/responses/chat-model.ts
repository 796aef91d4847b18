// The model port of the Responses engine: one Chat Completions-shaped call, whatever the backend (OpenAI-compatible, Workers AI).

/** A tool call the model asked for; `arguments` is the raw JSON text the model wrote. */
export interface ChatToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One message of the transcript, in Chat Completions roles. */
export type ChatMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: ChatToolCall[] }
  | { role: "tool"; toolCallId: string; content: string };

/** A function the model may call; `parameters` is a JSON Schema object. */
export interface ChatTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** One upstream call. `tools` absent or empty = the model must answer in text. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: ChatTool[];
  /** "auto" lets the model choose; a tool name forces that tool. */
  toolChoice?: "auto" | { name: string };
  temperature?: number;
  topP?: number;
  /** Output tokens this call may use. */
  maxTokens?: number;
}

/** Token counts of one call, in the upstream's units (tokens). */
export interface ChatUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Why the model stopped, mapped from the upstream's finish_reason. */
export type ChatFinish = "stop" | "tool_calls" | "length" | "content_filter";

/** The model's answer to one call. */
export interface ChatResult {
  content: string;
  toolCalls: ChatToolCall[];
  finish: ChatFinish;
  usage: ChatUsage;
  /** The model id the upstream reports it ran. */
  model: string;
}

/** Raised by an adapter when the upstream fails (network, non-2xx, malformed body); `status` is the upstream's HTTP status. */
export class ChatModelError extends Error {
  override name = "ChatModelError";
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** A chat model backend. `complete` throws ChatModelError on upstream failure. */
export interface ChatModel {
  /** "openai" or "workers-ai". */
  readonly kind: string;
  complete(request: ChatRequest): Promise<ChatResult>;
}
