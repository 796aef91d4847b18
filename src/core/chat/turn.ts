// One chat turn over the Responses engine: its events (file_search_call, text deltas, message, terminal) → chat events.
import type { ChatMessage, ChatModel } from "../responses/chat-model";
import { runResponse, type FileSearchRunner } from "../responses/engine";
import type { FileSearchCallItem, MessageItem, ResponseState } from "../responses/items";
import type { ChatEvent, ChatStopUsage } from "./events";

/** The model's standing instructions in a chat over indexes. */
const CHAT_INSTRUCTIONS =
  "You are a helpful assistant answering questions about the user's documents. Search them with the file_search tool before answering questions about their content, and answer from what you find.";

export interface ChatTurnRun {
  /** The engine's response id (never shown; the chat face has no response objects). */
  id: string;
  /** The model name sent upstream (LLM_MODEL, or the adapter's default). */
  model: string;
  /** Earlier turns and this turn's prompt, last. */
  transcript: ChatMessage[];
  /** Null when no index of the turn is searchable yet: the model answers without documents. */
  fileSearch: FileSearchRunner | null;
  /** Indexes left out of this turn (not synced yet), reported in the stop event. */
  skippedIndexIds: string[];
}

/** The stop event for the engine's terminal state. */
function stopOf(state: ResponseState, usage: ChatStopUsage, skipped: string[]): ChatEvent {
  const error =
    state.status === "failed" ? (state.error?.message ?? "The model failed.")
    : state.status === "incomplete" ? `The answer was cut short (${state.incomplete_details?.reason ?? "length"}).`
    : null;
  return { type: "stop", error, is_error: error !== null, usage, ...(skipped.length > 0 ? { skipped_index_ids: skipped } : {}) };
}

/** The tool_call and tool_result of a finished search; the call id is the engine's file_search_call id. */
function searchEvents(item: FileSearchCallItem): ChatEvent[] {
  const call: ChatEvent = { type: "tool_call", call_id: item.id, name: "file_search", arguments: { queries: item.queries } };
  const result: ChatEvent =
    item.status === "completed"
      ? {
          type: "tool_result",
          call_id: item.id,
          name: "file_search",
          result: { nodes: (item.results ?? []).map((r) => ({ file_id: r.file_id, file_name: r.filename, score: r.score, text: r.text, metadata: r.attributes ?? {} })) },
        }
      : { type: "tool_result", call_id: item.id, name: "file_search", result: { error: "The search failed." } };
  return [call, result];
}

/** The answer of a message item: its text (marks removed) and its citations. */
function textOf(item: MessageItem): ChatEvent {
  const part = item.content[0];
  return {
    type: "text",
    content: part?.text ?? "",
    citations: (part?.annotations ?? []).map((a) => ({ file_id: a.file_id, file_name: a.filename, index: a.index })),
  };
}

/**
 * Yields the turn's events after its user_input: tool_call + tool_result per search, text_delta as the engine streams
 * text, text per answer, and always a last `stop` (usage summed; `turns` = model steps, i.e. searches + the answer).
 * Engine events of other types are ignored, so the engine may grow new ones.
 */
export async function* runChatTurn(model: ChatModel, run: ChatTurnRun): AsyncGenerator<ChatEvent> {
  const started = Date.now();
  let searches = 0;
  const usageOf = (state: ResponseState | null): ChatStopUsage => ({
    duration_ms: Date.now() - started,
    total_input_tokens: state?.usage?.input_tokens ?? 0,
    total_output_tokens: state?.usage?.output_tokens ?? 0,
    turns: searches + 1,
  });
  const events = runResponse(model, {
    id: run.id,
    model: run.model,
    messages: [{ role: "system", content: CHAT_INSTRUCTIONS }, ...run.transcript],
    fileSearch: run.fileSearch,
    toolChoice: run.fileSearch ? "auto" : "none",
  });
  for await (const event of events) {
    switch (event.type) {
      case "response.output_text.delta":
        if (event.delta !== "") yield { type: "text_delta", content: event.delta };
        break;
      case "response.output_item.done":
        if (event.item.type === "file_search_call") {
          searches++;
          yield* searchEvents(event.item);
        } else if (event.item.type === "message") yield textOf(event.item);
        break;
      case "response.completed":
      case "response.incomplete":
      case "response.failed":
        yield stopOf(event.response, usageOf(event.response), run.skippedIndexIds);
        return;
      default:
        break;
    }
  }
  // The engine always ends in a terminal event; if it did not, the turn still ends in a stop.
  yield { type: "stop", error: "The model loop ended without an answer.", is_error: true, usage: usageOf(null), ...(run.skippedIndexIds.length > 0 ? { skipped_index_ids: run.skippedIndexIds } : {}) };
}
