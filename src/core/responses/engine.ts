// The bounded model loop of POST /v1/responses as one event generator: streaming sends every event, non-streaming keeps the last.
import { newFileSearchCallId, newMessageId, nowSeconds } from "../ids";
import { ChatModelError, type ChatMessage, type ChatModel, type ChatResult, type ChatTool } from "./chat-model";
import { extractCitations, type CitedSource } from "./citations";
import type { FileSearchCallItem, FileSearchResult, MessageItem, OutputItem, ResponseEvent, ResponseEventBody, ResponseState } from "./items";

/** Upstream calls per response: tools are offered on all but the last, which must answer in text (notes §7.3). */
export const MAX_MODEL_CALLS = 4;
/** Files cited by default when the model searched but cited nothing (notes §7.4). */
const FALLBACK_CITATIONS = 3;

/** Runs one search over the request's stores with the tool's options; throws on failure (never answers empty instead). */
export type FileSearchRunner = (queries: string[]) => Promise<FileSearchResult[]>;

export interface ResponseRun {
  id: string;
  /** The request's model, echoed; the adapter may run another (LLM_MODEL). */
  model: string;
  /** instructions (as a system message) and the input, in order. */
  messages: ChatMessage[];
  /** Present when the request has a file_search tool. */
  fileSearch: FileSearchRunner | null;
  toolChoice: "none" | "auto" | "required";
  includeResults: boolean;
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
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  return [lastUser?.content || "documents"];
}

/** The tool message: numbered sources (numbers continue across calls) and the citation rule. */
function sourcesMessage(results: FileSearchResult[], firstNumber: number): string {
  if (results.length === 0) return "No matching passages were found.";
  const blocks = results.map((r, i) => `[${firstNumber + i}] ${r.filename} (score ${r.score.toFixed(2)})\n${r.text}`);
  return `${blocks.join("\n\n")}\n\n${CITATION_RULE}`;
}

/** Runs the response; yields every stream event in order, numbered from 0; the last is completed, incomplete or failed. */
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
  if (run.fileSearch) messages.unshift({ role: "system", content: `You can search the user's documents with the file_search tool. ${CITATION_RULE}` });
  const sources: CitedSource[] = [];
  let lastResults: FileSearchResult[] = [];
  let searched = false;
  let answer: ChatResult | null = null;

  for (let call = 1; call <= MAX_MODEL_CALLS && !answer; call++) {
    const offerTools = run.fileSearch !== null && run.toolChoice !== "none" && call < MAX_MODEL_CALLS;
    const budget = run.maxOutputTokens === undefined ? undefined : run.maxOutputTokens - usage.output;
    let result: ChatResult;
    try {
      result = await model.complete({
        model: run.model,
        messages,
        ...(offerTools ? { tools: [FILE_SEARCH_FUNCTION], toolChoice: call === 1 && run.toolChoice === "required" ? { name: "file_search" } : "auto" } : {}),
        ...(run.temperature !== undefined ? { temperature: run.temperature } : {}),
        ...(run.topP !== undefined ? { topP: run.topP } : {}),
        ...(budget !== undefined ? { maxTokens: Math.max(1, budget) } : {}),
      });
    } catch (error) {
      if (!(error instanceof ChatModelError)) throw error;
      state.status = "failed";
      state.error = { code: error.status === 429 ? "rate_limit_exceeded" : "server_error", message: error.message };
      for (const item of state.output) if (item.status === "in_progress" || item.status === "searching") item.status = "incomplete";
      yield finish();
      return;
    }
    usage.input += result.usage.inputTokens;
    usage.output += result.usage.outputTokens;
    const calls = offerTools ? result.toolCalls.filter((t) => t.name === FILE_SEARCH_FUNCTION.name) : [];
    if (calls.length === 0) {
      answer = result;
      break;
    }
    messages.push({ role: "assistant", content: result.content, toolCalls: calls });
    for (const toolCall of calls) {
      const item: FileSearchCallItem = { id: newFileSearchCallId(), type: "file_search_call", status: "in_progress", queries: [], results: null };
      const outputIndex = state.output.length;
      yield addItem(item);
      yield event({ type: "response.file_search_call.in_progress", output_index: outputIndex, item_id: item.id });
      item.status = "searching";
      item.queries = queriesOf(toolCall.arguments, messages);
      yield event({ type: "response.file_search_call.searching", output_index: outputIndex, item_id: item.id });
      let toolText: string;
      try {
        const results = await run.fileSearch!(item.queries);
        toolText = sourcesMessage(results, sources.length + 1);
        sources.push(...results.map((r) => ({ fileId: r.file_id, filename: r.filename })));
        lastResults = results;
        searched = true;
        item.status = "completed";
        item.results = run.includeResults ? results : null;
      } catch (error) {
        // Not swallowed: the item says failed and the model is told the search failed (notes §7.6).
        item.status = "failed";
        toolText = `The search failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      yield event({ type: "response.file_search_call.completed", output_index: outputIndex, item_id: item.id });
      yield event({ type: "response.output_item.done", output_index: outputIndex, item: structuredClone(item) });
      messages.push({ role: "tool", toolCallId: toolCall.id, content: toolText });
    }
  }

  const final = answer!;
  const cited = extractCitations(final.content, sources);
  if (cited.annotations.length === 0 && searched) {
    const index = [...cited.text].length;
    const files = [...new Map(lastResults.map((r) => [r.file_id, r])).values()].slice(0, FALLBACK_CITATIONS);
    cited.annotations.push(...files.map((r) => ({ type: "file_citation" as const, file_id: r.file_id, filename: r.filename, index })));
  }
  const message: MessageItem = { id: newMessageId(), type: "message", role: "assistant", status: "in_progress", content: [] };
  const outputIndex = state.output.length;
  const at = { item_id: message.id, output_index: outputIndex, content_index: 0 };
  yield addItem(message);
  yield event({ type: "response.content_part.added", ...at, part: { type: "output_text", text: "", annotations: [], logprobs: [] } });
  // Deltas are cut where the marks stood, each annotation announced right after the text it follows.
  const codePoints = [...cited.text];
  let sent = 0;
  for (const [annotationIndex, annotation] of cited.annotations.entries()) {
    if (annotation.index > sent) {
      yield event({ type: "response.output_text.delta", ...at, delta: codePoints.slice(sent, annotation.index).join(""), logprobs: [] });
      sent = annotation.index;
    }
    yield event({ type: "response.output_text.annotation.added", ...at, annotation_index: annotationIndex, annotation });
  }
  if (sent < codePoints.length) yield event({ type: "response.output_text.delta", ...at, delta: codePoints.slice(sent).join(""), logprobs: [] });
  const part = { type: "output_text" as const, text: cited.text, annotations: cited.annotations, logprobs: [] as [] };
  message.content = [part];
  const incomplete = final.finish === "length" || final.finish === "content_filter";
  message.status = incomplete ? "incomplete" : "completed";
  yield event({ type: "response.output_text.done", ...at, text: cited.text, logprobs: [] });
  yield event({ type: "response.content_part.done", ...at, part: structuredClone(part) });
  yield event({ type: "response.output_item.done", output_index: outputIndex, item: structuredClone(message) });
  if (incomplete) {
    state.status = "incomplete";
    state.incomplete_details = { reason: final.finish === "length" ? "max_output_tokens" : "content_filter" };
  } else state.status = "completed";
  yield finish();
}
