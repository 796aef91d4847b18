// Response objects and stream events on the wire: the engine's state plus the request's echo fields (spec Response).
import type { ResponseEvent, ResponseState } from "../../core/responses/items";
import type { CreateResponseParams } from "./schemas";

/** The request fields a Response repeats, with the spec's defaults filled (notes §2). */
export type ResponseEcho = ReturnType<typeof responseEcho>;

export function responseEcho(body: CreateResponseParams) {
  return {
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: body.max_tool_calls ?? null,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
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

/** A whole Response; `usage` only once known (the spec types it as an object, never null); `output_text` is left to the SDKs. */
export function wireResponse(state: ResponseState, echo: ResponseEcho) {
  const { usage, ...rest } = state;
  return { ...rest, ...(usage ? { usage } : {}), ...echo };
}

/** An event with its `response` snapshot (lifecycle events) completed by the echo fields. */
export function wireEvent(event: ResponseEvent, echo: ResponseEcho): Record<string, unknown> {
  return "response" in event ? { ...event, response: wireResponse(event.response, echo) } : { ...event };
}

/** One Server-Sent Events frame: `event:` the type, `data:` the JSON that repeats it (notes §3). */
export function sseFrame(event: Record<string, unknown>): string {
  return `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`;
}
