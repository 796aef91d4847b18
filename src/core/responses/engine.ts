// The bounded model loop of POST /v1/responses as one event generator: streaming sends every event, non-streaming keeps the last.
import { newFileSearchCallId, newFunctionCallId, nowSeconds } from "../ids";
import { ChatModelError, rejectsTools, type ChatMessage, type ChatModel, type ChatRequest, type ChatResponseFormat, type ChatResult, type ChatTool, type ChatToolCall } from "./chat-model";
import type { CitedSource, FileCitation } from "./citations";
import type { FileSearchCallItem, FileSearchResult, FunctionCallItem, OutputItem, ResponseEvent, ResponseEventBody, ResponseState } from "./items";
import { numberedSources } from "./sources";
import { StreamedMessage } from "./streamed-message";

/** Upstream calls per response: tools are offered on all but the last, which must answer in text (notes §7.3). */
export const MAX_MODEL_CALLS = 4;
/** Files cited by default when the model searched but cited nothing (notes §7.4). */
const FALLBACK_CITATIONS = 3;
/** Only files at least as likely to answer as not are cited by the fallback (README "What a score means"). */
const FALLBACK_MIN_SCORE = 0.5;

/** Runs one search over the request's stores with the tool's options; throws on failure (never answers empty instead). */
export type FileSearchRunner = (queries: string[]) => Promise<FileSearchResult[]>;

export interface ResponseRun {
  id: string;
  /** The request's model, echoed; the adapter may run another (LLM_MODEL). */
  model: string;
  /** instructions (as a system message) and the input, in order. */
  messages: ChatMessage[];
  /** Sources already numbered in `messages` (replayed searches of earlier turns); this response's numbers continue them. */
  priorSources?: readonly CitedSource[] | undefined;
  /** Present when the request has a file_search tool. */
  fileSearch: FileSearchRunner | null;
  /** "required" forces a tool on the first call (file_search when it is the only one); `{name}` forces that tool there. */
  toolChoice: "none" | "auto" | "required" | { name: string };
  /** The client's `function` tools, offered beside file_search; a call of one ends the response with a function_call item. */
  functions?: ChatTool[] | undefined;
  /** Cap on file_search calls over the whole response (spec max_tool_calls); calls beyond it are not executed. */
  maxToolCalls?: number | undefined;
  /** The answer's format (text.format); absent = plain text. */
  responseFormat?: ChatResponseFormat | undefined;
  /** Passed upstream when tools are sent. */
  parallelToolCalls?: boolean | undefined;
  /**
   * false = the upstream cannot call tools (LLM_TOOLS=false): search once with the latest user text, then one answer
   * call without tools (notes §7.5). The same path is taken when the upstream rejects tools. Default true.
   */
  toolCalling?: boolean | undefined;
  /** Aborted when the client goes away: the upstream call in flight is cancelled. */
  signal?: AbortSignal | undefined;
  temperature?: number | undefined;
  topP?: number | undefined;
  /** Output-token budget over all upstream calls. */
  maxOutputTokens?: number | undefined;
}

/** The one function the model sees; it never sees store ids (notes §7.2). */
export const FILE_SEARCH_FUNCTION: ChatTool = {
  name: "file_search",
  description:
    "Search the user's uploaded documents for passages relevant to the question. Use it before answering questions about those documents. Returns numbered sources.",
  parameters: {
    type: "object",
    properties: { queries: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 5, description: "1-5 self-contained search queries" } },
    required: ["queries"],
    additionalProperties: false,
  },
};

const CITATION_RULE =
  "When you use a numbered source, cite it with its number in square brackets, e.g. [1], right after the sentence it supports. Cite only numbers that were listed.";

/** The tool message of a file_search call beyond max_tool_calls. */
export const TOOL_LIMIT_MESSAGE = "not executed: limit reached";

/** The queries of a file_search call: `{queries}`, a lenient `{query}`, or else the latest user text. */
export function queriesOf(args: string, messages: readonly ChatMessage[]): string[] {
  try {
    const parsed: unknown = JSON.parse(args);
    if (parsed && typeof parsed === "object") {
      const { queries, query } = parsed as { queries?: unknown; query?: unknown };
      const list = (Array.isArray(queries) ? queries : [query]).filter((q): q is string => typeof q === "string" && q.trim() !== "");
      if (list.length > 0) return list.slice(0, 5);
    }
  } catch {
    // Unparsable arguments: fall back below.
  }
  return [latestUserText(messages)];
}

/** The latest user message's text ("documents" when there is none): the query of a search the model did not word. */
export function latestUserText(messages: readonly ChatMessage[]): string {
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  return lastUser?.content || "documents";
}

/** The tool message: numbered sources (numbers continue across calls) and the citation rule. */
function sourcesMessage(results: FileSearchResult[], firstNumber: number, citing: boolean): string {
  const sources = numberedSources(results, firstNumber);
  return citing && results.length > 0 ? `${sources}\n\n${CITATION_RULE}` : sources;
}

/**
 * Runs the response; yields every stream event in order, numbered from 0; the last is completed, incomplete or failed.
 * Every upstream call is streamed and its text forwarded as it comes, cleaned of citation marks.
 */
export async function* runResponse(model: ChatModel, run: ResponseRun): AsyncGenerator<ResponseEvent> {
  let sequence = 0;
  const state: ResponseState = {
    id: run.id,
    object: "response",
    created_at: nowSeconds(),
    completed_at: null,
    status: "in_progress",
    error: null,
    incomplete_details: null,
    model: run.model,
    output: [],
    usage: null,
  };
  const usage = { input: 0, output: 0 };
  const snapshot = (): ResponseState => structuredClone(state);
  const event = (body: ResponseEventBody): ResponseEvent => ({ ...body, sequence_number: sequence++ });
  const addItem = (item: OutputItem) => {
    state.output.push(item);
    return event({ type: "response.output_item.added", output_index: state.output.length - 1, item: structuredClone(item) });
  };
  const finish = (): ResponseEvent => {
    state.usage = {
      input_tokens: usage.input,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: usage.output,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: usage.input + usage.output,
    };
    if (state.status === "completed") state.completed_at = nowSeconds();
    const type = state.status === "completed" ? "response.completed" : state.status === "incomplete" ? "response.incomplete" : "response.failed";
    return event({ type, response: snapshot() });
  };

  yield event({ type: "response.created", response: snapshot() });
  yield event({ type: "response.in_progress", response: snapshot() });

  const messages: ChatMessage[] = [...run.messages];
  // A JSON answer (text.format) is not asked for marks, and its brackets ("[1, 2]") are never read as marks.
  const citing = !run.responseFormat || run.responseFormat.type === "text";
  const markSources = (): readonly CitedSource[] => (citing ? sources : []);
  if (run.fileSearch) messages.unshift({ role: "system", content: `You can search the user's documents with the file_search tool.${citing ? ` ${CITATION_RULE}` : ""}` });
  const functions = run.functions ?? [];
  const sources: CitedSource[] = [...(run.priorSources ?? [])];
  let lastResults: FileSearchResult[] = [];
  let searched = false;
  let searches = 0;
  let toolCalling = run.toolCalling !== false;

  /** One file_search_call item with its events; returns the text the model is given for it. */
  async function* searchItem(queries: string[]): AsyncGenerator<ResponseEvent, string> {
    const item: FileSearchCallItem = { id: newFileSearchCallId(), type: "file_search_call", status: "in_progress", queries: [], results: null };
    const outputIndex = state.output.length;
    yield addItem(item);
    yield event({ type: "response.file_search_call.in_progress", output_index: outputIndex, item_id: item.id });
    item.status = "searching";
    item.queries = queries;
    yield event({ type: "response.file_search_call.searching", output_index: outputIndex, item_id: item.id });
    let toolText: string;
    try {
      const results = await run.fileSearch!(item.queries);
      toolText = sourcesMessage(results, sources.length + 1, citing);
      sources.push(...results.map((r) => ({ fileId: r.file_id, filename: r.filename })));
      lastResults = results;
      searched = true;
      item.status = "completed";
      // Always kept: the store and the next turn's replay need them; the wire shows them only when `include` asks.
      item.results = results;
    } catch (error) {
      // Not swallowed: the item says failed and the model is told the search failed (notes §7.6).
      item.status = "failed";
      toolText = `The search failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    searches++;
    yield event({ type: "response.file_search_call.completed", output_index: outputIndex, item_id: item.id });
    yield event({ type: "response.output_item.done", output_index: outputIndex, item: structuredClone(item) });
    return toolText;
  }

  /** Without tool calling: one search with the latest user text, its sources given to the model as a system message. */
  async function* preRetrieve(): AsyncGenerator<ResponseEvent> {
    if (!run.fileSearch || run.toolChoice === "none" || searches > 0) return;
    const text = yield* searchItem([latestUserText(messages)]);
    messages.push({ role: "system", content: `Sources from the user's documents:\n\n${text}` });
  }

  /**
   * The fallback when a text answer cites nothing after a search: the last search's top files that are more likely than
   * not to answer (score ≥ 0.5, the calibrated midpoint), at the end (notes §7.4). None for an empty or JSON answer.
   */
  const fallback = (text: string): FileCitation[] => {
    if (!searched || !citing || text.trim() === "") return [];
    const index = [...text].length;
    const likely = lastResults.filter((r) => r.score >= FALLBACK_MIN_SCORE);
    const files = [...new Map(likely.map((r) => [r.file_id, r])).values()].slice(0, FALLBACK_CITATIONS);
    return files.map((r) => ({ type: "file_citation" as const, file_id: r.file_id, filename: r.filename, index }));
  };

  if (!toolCalling) yield* preRetrieve();
  for (let call = 1; call <= MAX_MODEL_CALLS; call++) {
    const last = call === MAX_MODEL_CALLS || !toolCalling || run.toolChoice === "none";
    const searchLeft = run.maxToolCalls === undefined || searches < run.maxToolCalls;
    const tools = last ? [] : [...(run.fileSearch && searchLeft ? [FILE_SEARCH_FUNCTION] : []), ...functions];
    const request: ChatRequest = {
      model: run.model,
      messages,
      ...(tools.length ? { tools, toolChoice: toolChoiceFor(run, call, tools), ...(run.parallelToolCalls !== undefined ? { parallelToolCalls: run.parallelToolCalls } : {}) } : {}),
      ...(run.responseFormat ? { responseFormat: run.responseFormat } : {}),
      ...(run.signal ? { signal: run.signal } : {}),
      ...(run.temperature !== undefined ? { temperature: run.temperature } : {}),
      ...(run.topP !== undefined ? { topP: run.topP } : {}),
      ...(run.maxOutputTokens !== undefined ? { maxTokens: Math.max(1, run.maxOutputTokens - usage.output) } : {}),
    };
    let message: StreamedMessage | null = null;
    let result: ChatResult;
    const stream = model.stream(request);
    try {
      for (;;) {
        const next = await stream.next();
        if (next.done) {
          result = next.value;
          break;
        }
        if (!message) {
          message = new StreamedMessage(markSources(), state.output.length);
          yield addItem(message.item);
          for (const body of message.open()) yield event(body);
        }
        for (const body of message.push(next.value)) yield event(body);
      }
    } catch (error) {
      if (!(error instanceof ChatModelError)) throw error;
      if (!message && tools.length > 0 && rejectsTools(error)) {
        // The upstream cannot call tools: pre-retrieval and one answer without tools (notes §7.5).
        toolCalling = false;
        yield* preRetrieve();
        call = MAX_MODEL_CALLS - 1;
        continue;
      }
      state.status = "failed";
      state.error = { code: error.status === 429 ? "rate_limit_exceeded" : "server_error", message: error.message };
      for (const item of state.output) if (item.status === "in_progress" || item.status === "searching") item.status = "incomplete";
      yield finish();
      return;
    } finally {
      // A client that went away mid-stream (the generator is returned early) closes the upstream stream too.
      await stream.return(undefined as never);
    }
    usage.input += result.usage.inputTokens;
    usage.output += result.usage.outputTokens;
    const cut = result.finish === "length" || result.finish === "content_filter";
    const offered = new Set(tools.map((t) => t.name));
    // Tool calls on a call that offered none are ignored; a call of a tool that was not offered is answered below
    // ("unknown tool"), so a model that invents a tool name gets another turn instead of ending in an empty answer.
    const calls = cut || tools.length === 0 ? [] : result.toolCalls;
    const answered = calls.length === 0;
    if (answered && !message) {
      // Every response ends in a message, even an empty one.
      message = new StreamedMessage(markSources(), state.output.length);
      yield addItem(message.item);
      for (const body of message.open()) yield event(body);
    }
    if (message) for (const body of message.close(cut ? "incomplete" : "completed", answered ? fallback : undefined)) yield event(body);
    if (answered) {
      state.status = cut ? "incomplete" : "completed";
      if (cut) state.incomplete_details = { reason: result.finish === "length" ? "max_output_tokens" : "content_filter" };
      yield finish();
      return;
    }
    messages.push({ role: "assistant", content: result.content, toolCalls: calls });
    const clientCalls: ChatToolCall[] = [];
    for (const toolCall of calls) {
      if (!offered.has(toolCall.name)) {
        messages.push({ role: "tool", toolCallId: toolCall.id, content: `There is no tool named '${toolCall.name}'. The tools you can call: ${[...offered].join(", ")}.` });
        continue;
      }
      if (toolCall.name !== FILE_SEARCH_FUNCTION.name || !run.fileSearch) {
        clientCalls.push(toolCall);
        continue;
      }
      const limited = run.maxToolCalls !== undefined && searches >= run.maxToolCalls;
      const toolText = limited ? TOOL_LIMIT_MESSAGE : yield* searchItem(queriesOf(toolCall.arguments, messages));
      messages.push({ role: "tool", toolCallId: toolCall.id, content: toolText });
    }
    if (clientCalls.length > 0) {
      // The client runs its functions and answers with function_call_output items in a next request.
      for (const toolCall of clientCalls) yield* functionCallItem(toolCall);
      state.status = "completed";
      yield finish();
      return;
    }
  }
  throw new Error("The response loop ended without an answer.");

  /** A function_call item for a client function the model called, with its argument events. */
  function* functionCallItem(toolCall: ChatToolCall): Generator<ResponseEvent> {
    const item: FunctionCallItem = { id: newFunctionCallId(), type: "function_call", call_id: toolCall.id, name: toolCall.name, arguments: "", status: "in_progress" };
    const outputIndex = state.output.length;
    yield addItem(item);
    const at = { item_id: item.id, output_index: outputIndex };
    if (toolCall.arguments) yield event({ type: "response.function_call_arguments.delta", ...at, delta: toolCall.arguments });
    item.arguments = toolCall.arguments;
    item.status = "completed";
    yield event({ type: "response.function_call_arguments.done", ...at, name: toolCall.name, arguments: toolCall.arguments });
    yield event({ type: "response.output_item.done", output_index: outputIndex, item: structuredClone(item) });
  }
}

/** The upstream tool_choice of a call: a forced tool only on the first call, "auto" after (notes §7.3). */
function toolChoiceFor(run: ResponseRun, call: number, tools: ChatTool[]): ChatRequest["toolChoice"] {
  if (call > 1 || run.toolChoice === "auto" || run.toolChoice === "none") return "auto";
  if (run.toolChoice === "required") return tools.length === 1 ? { name: tools[0]!.name } : "required";
  const forced = run.toolChoice.name;
  return tools.some((t) => t.name === forced) ? { name: forced } : "auto";
}
