// The events of a LlamaCloud chat session (the SDK's ChatRetrieveResponse.events): what a turn streams and what history keeps.

/** Spec StopEvent.Usage: `duration_ms` of the turn, tokens summed over its model calls, `turns` = model steps (searches + the answer). */
export interface ChatStopUsage {
  duration_ms: number;
  total_input_tokens: number;
  total_output_tokens: number;
  turns: number;
}

/** A citation of the answer: `index` is the code-point offset in the text where the model's `[n]` mark stood (Shelf's choice). */
export interface ChatCitation {
  file_id: string;
  file_name: string;
  index: number;
}

/** One retrieved passage in a `tool_result`: the file, its score in [0, 1], the passage text. */
export interface ChatNode {
  file_id: string;
  file_name: string;
  score: number;
  text: string;
  /** The file's attributes (from its directory file's metadata). */
  metadata: Record<string, unknown>;
}

/** A history event; `type` is always present on the wire (the SDK types it optional). */
export type ChatEvent =
  | { type: "user_input"; content: string }
  | { type: "text_delta"; content: string }
  /** The turn's answer, marks removed; `citations` is Shelf's addition (the SDK's type has only `content`). */
  | { type: "text"; content: string; citations: ChatCitation[] }
  | { type: "tool_call"; call_id: string; name: string; arguments: Record<string, unknown> }
  /** `result`: `{nodes}` when the search ran, `{error}` when it failed. */
  | { type: "tool_result"; call_id: string; name: string; result: { nodes: ChatNode[] } | { error: string } }
  | { type: "stop"; error: string | null; is_error: boolean; usage: ChatStopUsage; skipped_index_ids?: string[] };

/** Spec JobMetadata: the stop event of the session's latest turn, flattened. */
export interface ChatJobMetadata extends ChatStopUsage {
  error: string | null;
  is_error: boolean;
  export_config_ids: string[];
}
