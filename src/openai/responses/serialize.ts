// Response objects and stream events on the wire: the engine's state plus the request's echo fields (spec Response).
import type { OutputItem, ResponseEvent, ResponseState } from "../../core/responses/items";
import type { StoredItem } from "../../core/responses/stored-items";
import type { CreateResponseParams } from "./schemas";

/** The request fields a Response repeats, with the spec's defaults filled (notes §2). */
export type ResponseEcho = ReturnType<typeof responseEcho>;

export function responseEcho(body: CreateResponseParams) {
  return {
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: body.max_tool_calls ?? null,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: { format: body.text?.format ?? { type: "text" as const }, ...(body.text?.verbosity ? { verbosity: body.text.verbosity } : {}) },
    tool_choice: body.tool_choice,
    tools: body.tools.map((t) =>
      t.type === "function"
        ? { type: t.type, name: t.name, description: t.description ?? null, parameters: t.parameters ?? null, strict: t.strict ?? null }
        : {
            type: t.type,
            vector_store_ids: t.vector_store_ids,
            max_num_results: t.max_num_results,
            filters: t.filters ?? null,
            ranking_options: { ranker: t.ranking_options?.ranker ?? "auto", score_threshold: t.ranking_options?.score_threshold ?? 0, ...(t.ranking_options?.hybrid_search ? { hybrid_search: t.ranking_options.hybrid_search } : {}) },
          },
    ),
    top_p: body.top_p ?? 1,
    truncation: "disabled" as const,
    metadata: body.metadata ?? {},
    background: false,
    service_tier: "default" as const,
  };
}

/**
 * An item as a client sees it: a file_search_call's `results` only when the request (or the GET) includes
 * `file_search_call.results` — the engine and the store always keep them.
 */
export function wireItem<T extends OutputItem | StoredItem>(item: T, includeResults: boolean): T {
  return item.type === "file_search_call" && !includeResults ? { ...item, results: null } : item;
}

/** A whole Response; `usage` only once known (the spec types it as an object, never null); `output_text` is left to the SDKs. */
export function wireResponse(state: ResponseState, echo: ResponseEcho, includeResults: boolean) {
  const { usage, output, ...rest } = state;
  return { ...rest, output: output.map((item) => wireItem(item, includeResults)), ...(usage ? { usage } : {}), ...echo };
}

/** An event with its `response` snapshot (lifecycle events) or its `item` completed by the echo fields and `include`. */
export function wireEvent(event: ResponseEvent, echo: ResponseEcho, includeResults: boolean): Record<string, unknown> {
  if ("response" in event) return { ...event, response: wireResponse(event.response, echo, includeResults) };
  if ("item" in event) return { ...event, item: wireItem(event.item, includeResults) };
  return { ...event };
}

/** One Server-Sent Events frame (notes §3). */
