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
  /** "auto" lets the model choose, "required" makes it call one of the tools; a tool name forces that tool. */
  toolChoice?: "auto" | "required" | { name: string };
  /** Whether the model may call several tools in one turn (Chat Completions parallel_tool_calls); only sent with tools. */
  parallelToolCalls?: boolean;
  /** The answer's format (Responses text.format → Chat Completions response_format); absent = plain text. */
  responseFormat?: ChatResponseFormat;
  temperature?: number;
  topP?: number;
  /** Output tokens this call may use. */
  maxTokens?: number;
  /** Aborts the upstream request (the client went away). */
  signal?: AbortSignal;
}

/** Structured output: any JSON object, or JSON matching `schema` (a JSON Schema object) named `name`. */
export type ChatResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; name: string; schema: Record<string, unknown>; strict?: boolean | null; description?: string };

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

/**
 * The upstream rejected the request because the model cannot call tools (Ollama answers 400 "… does not support
 * tools"): a 4xx other than 429 whose message says tools are unsupported (notes §7.5).
 */
export function rejectsTools(error: unknown): boolean {
  return error instanceof ChatModelError && error.status !== null && error.status >= 400 && error.status < 500 && error.status !== 429 && TOOLS_UNSUPPORTED.test(error.message);
}

/**
 * What servers say when a model cannot call tools: Ollama "… does not support tools", vLLM "\"auto\" tool choice requires
 * --enable-auto-tool-choice …", and the generic "tools are not supported" / "function calling is not supported". Any
 * other 4xx that mentions tools (an invalid schema, a bad tool_choice) is a real error and is reported.
 */
const TOOLS_UNSUPPORTED =
  /(?:does not|doesn't|do not|cannot|can't) support (?:tools|tool calling|tool use|function calling|functions)|(?:tools|tool calling|tool use|function calling|functions) (?:is|are) not supported|enable-auto-tool-choice/i;

/**
 * One streamed call: yields the answer's text deltas as the upstream writes them and returns the whole ChatResult
 * (content = the deltas joined, tool calls assembled from their deltas, finish, usage). Throws ChatModelError on
 * upstream failure, before or during the stream.
 */
export type ChatStream = AsyncGenerator<string, ChatResult, undefined>;

/** A chat model backend. Both methods throw ChatModelError on upstream failure. */
export interface ChatModel {
  /** "openai" or "workers-ai". */
  readonly kind: string;
  complete(request: ChatRequest): Promise<ChatResult>;
  stream(request: ChatRequest): ChatStream;
}
