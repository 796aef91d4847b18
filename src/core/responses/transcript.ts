// Input items → stored items (ids, resolved references) → the Chat Completions transcript the model reads (notes §1.3).
// One mapping for a request's own input and for the items of a previous_response_id chain.
import { newFunctionCallId, newFunctionCallOutputId, newMessageId } from "../ids";
import type { ChatMessage, ChatToolCall } from "./chat-model";
import type { CitedSource } from "./citations";
import type { OutputTextPart } from "./items";
import { numberedSources } from "./sources";
import type { InputItemParam, StoredItem } from "./stored-items";

/** Why an input cannot be run; `param` is the request field at fault (`input[2].content[0]`). */
export type TranscriptFailure =
  /** A content part Shelf cannot give a text model (input_image, input_file, …). */
  | { kind: "unsupported_content"; param: string; type: string }
  /** An item_reference to no stored item of this project. */
  | { kind: "unknown_item"; param: string; id: string }
  /** A function_call_output whose call_id no earlier function_call has (or one already answered). */
  | { kind: "orphan_output"; param: string; callId: string }
  /** A function_call that something other than its function_call_output follows, or that nothing answers. */
  | { kind: "missing_output"; callId: string }
  /** Two input items with one id (ids name stored items: input_items pages and item_reference need them unique). */
  | { kind: "duplicate_item"; param: string; id: string };

export type TranscriptResult<T> = { ok: true; value: T } | { ok: false; error: TranscriptFailure };

const fail = (error: TranscriptFailure): { ok: false; error: TranscriptFailure } => ({ ok: false, error });

/** Finds an item of a stored response of this project by its id (item_reference), or null. */
export type ItemLookup = (id: string) => Promise<StoredItem | null>;

type Part = { type: string; text?: string | undefined };

/** The text of text parts (input_text / output_text), or the failure naming the first other part. */
function partsText(parts: Part[], param: string): TranscriptResult<string[]> {
  const texts: string[] = [];
  for (const [j, part] of parts.entries()) {
    if ((part.type !== "input_text" && part.type !== "output_text") || typeof part.text !== "string")
      return fail({ kind: "unsupported_content", param: `${param}[${j}]`, type: part.type });
    texts.push(part.text);
  }
  return { ok: true, value: texts };
}

/** One input item as stored: an id on every item (kept when the client sent one), string content as one text part. */
async function storeItem(item: InputItemParam, param: string, findItem: ItemLookup): Promise<TranscriptResult<StoredItem>> {
  if (item.type === "item_reference") {
    const found = await findItem(item.id);
    return found ? { ok: true, value: found } : fail({ kind: "unknown_item", param: `${param}.id`, id: item.id });
  }
  if (item.type === "file_search_call")
    return { ok: true, value: { id: item.id, type: "file_search_call", status: item.status ?? "completed", queries: item.queries, results: item.results ?? null } };
  if (item.type === "function_call")
    return { ok: true, value: { id: item.id ?? newFunctionCallId(), type: "function_call", call_id: item.call_id, name: item.name, arguments: item.arguments, status: item.status ?? "completed" } };
  if (item.type === "function_call_output") {
    const output = typeof item.output === "string" ? { ok: true as const, value: [item.output] } : partsText(item.output, `${param}.output`);
    if (!output.ok) return output;
    return { ok: true, value: { id: item.id ?? newFunctionCallOutputId(), type: "function_call_output", call_id: item.call_id, output: output.value.join("\n"), status: "completed" } };
  }
  const texts = typeof item.content === "string" ? { ok: true as const, value: [item.content] } : partsText(item.content, `${param}.content`);
  if (!texts.ok) return texts;
  const id = item.id ?? newMessageId();
  if (item.role === "assistant") {
    // Annotations of an assistant message fed back are dropped: they pointed into an earlier answer's sources.
    const content: OutputTextPart[] = texts.value.map((text) => ({ type: "output_text", text, annotations: [], logprobs: [] }));
    return { ok: true, value: { id, type: "message", role: "assistant", status: "completed", content } };
  }
  return { ok: true, value: { id, type: "message", role: item.role, status: "completed", content: texts.value.map((text) => ({ type: "input_text", text })) } };
}

/** A request's input as stored items: a string is one user message; item_references resolved through `findItem`. */
export async function storeInput(input: string | InputItemParam[] | undefined, findItem: ItemLookup): Promise<TranscriptResult<StoredItem[]>> {
  if (input === undefined) return { ok: true, value: [] };
  if (typeof input === "string") return { ok: true, value: [{ id: newMessageId(), type: "message", role: "user", status: "completed", content: [{ type: "input_text", text: input }] }] };
  const items: StoredItem[] = [];
  const ids = new Set<string>();
  for (const [i, item] of input.entries()) {
    const stored = await storeItem(item, `input[${i}]`, findItem);
    if (!stored.ok) return stored;
    if (ids.has(stored.value.id)) return fail({ kind: "duplicate_item", param: `input[${i}]`, id: stored.value.id });
    ids.add(stored.value.id);
    items.push(stored.value);
  }
  return { ok: true, value: items };
}

/** The transcript and the sources its replayed searches numbered ([1] = sources[0]); this turn's searches continue the numbers. */
export interface Transcript {
  messages: ChatMessage[];
  sources: CitedSource[];
}

/**
 * The model's transcript: `instructions` as a system message, then every item in order. `firstInput` is the index in
 * `items` of the request's own input[0] (items before it came from the previous_response_id chain), for error params.
 */
export function chatTranscript(instructions: string | null | undefined, items: StoredItem[], firstInput = 0): TranscriptResult<Transcript> {
  const messages: ChatMessage[] = instructions ? [{ role: "system", content: instructions }] : [];
  const sources: CitedSource[] = [];
  /** Function calls of the last assistant message still waiting for their outputs. */
  const open = new Set<string>();
  const closeAll = (): TranscriptFailure | null => {
    const first = open.values().next();
    return first.done ? null : { kind: "missing_output", callId: first.value };
  };
  const param = (k: number) => (k >= firstInput ? `input[${k - firstInput}]` : "previous_response_id");
  for (const [k, item] of items.entries()) {
    if (item.type === "function_call_output") {
      if (!open.delete(item.call_id)) return fail({ kind: "orphan_output", param: param(k), callId: item.call_id });
      messages.push({ role: "tool", toolCallId: item.call_id, content: item.output });
      continue;
    }
    if (item.type === "function_call") {
      const call: ChatToolCall = { id: item.call_id, name: item.name, arguments: item.arguments };
      const last = messages.at(-1);
      // Parallel calls (and calls after the text of the same turn) share one assistant message.
      if (last?.role === "assistant" && (open.size > 0 || !last.toolCalls?.length)) last.toolCalls = [...(last.toolCalls ?? []), call];
      else {
        const pending = closeAll();
        if (pending) return fail(pending);
        messages.push({ role: "assistant", content: "", toolCalls: [call] });
      }
      open.add(item.call_id);
      continue;
    }
    const pending = closeAll();
    if (pending) return fail(pending);
    if (item.type === "file_search_call") {
      // A search without results cannot be replayed; one with results is a tool call and its answer.
      if (!item.results) continue;
      messages.push({ role: "assistant", content: "", toolCalls: [{ id: item.id, name: "file_search", arguments: JSON.stringify({ queries: item.queries }) }] });
      // Numbered like this turn's own sources, so an answer citing an earlier search's passage still gets its annotation.
      messages.push({ role: "tool", toolCallId: item.id, content: numberedSources(item.results, sources.length + 1) });
      sources.push(...item.results.map((r) => ({ fileId: r.file_id, filename: r.filename })));
      continue;
    }
    const text = item.content.map((part) => part.text).join("\n");
    if (item.role === "assistant") messages.push({ role: "assistant", content: text });
    else messages.push({ role: item.role === "developer" || item.role === "system" ? "system" : "user", content: text });
  }
  const pending = closeAll();
  return pending ? fail(pending) : { ok: true, value: { messages, sources } };
}
