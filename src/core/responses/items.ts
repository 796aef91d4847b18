// Output items and stream events of a response, in the Responses API's own shapes (spec OutputItem, ResponseStreamEvent).
import type { Attributes } from "../ports";
import type { FileCitation } from "./citations";

/** One file of a file_search_call's results (spec FileSearchToolCall.results[]); score in [0, 1]. */
export interface FileSearchResult {
  file_id: string;
  filename: string;
  score: number;
  text: string;
  attributes: Attributes | null;
}

/** Spec FileSearchToolCall; `results` is null unless the request included `file_search_call.results`. */
export interface FileSearchCallItem {
  id: string;
  type: "file_search_call";
  status: "in_progress" | "searching" | "completed" | "incomplete" | "failed";
  queries: string[];
  results: FileSearchResult[] | null;
}

/** Spec OutputTextContent. */
export interface OutputTextPart {
  type: "output_text";
  text: string;
  annotations: FileCitation[];
  logprobs: [];
}

/** Spec OutputMessage. */
export interface MessageItem {
  id: string;
  type: "message";
  role: "assistant";
  status: "in_progress" | "completed" | "incomplete";
  content: OutputTextPart[];
}

/** Spec FunctionToolCall: a call of a client `function` tool; the client runs it and sends a function_call_output back. */
export interface FunctionCallItem {
  id: string;
  type: "function_call";
  /** The model's call id; a function_call_output answers it by this id. */
  call_id: string;
  name: string;
  /** The JSON text of the arguments, as the model wrote it. */
  arguments: string;
  status: "in_progress" | "completed" | "incomplete";
}

export type OutputItem = FileSearchCallItem | MessageItem | FunctionCallItem;

/** Spec ResponseUsage: token counts summed over every upstream call. */
export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** The engine-owned part of a Response; the face adds the request's echo fields. */
export interface ResponseState {
  id: string;
  object: "response";
  created_at: number;
  completed_at: number | null;
  status: "in_progress" | "completed" | "incomplete" | "failed";
  error: { code: "server_error" | "rate_limit_exceeded"; message: string } | null;
  incomplete_details: { reason: "max_output_tokens" | "content_filter" } | null;
  model: string;
  output: OutputItem[];
  usage: ResponseUsage | null;
}

/** A stream event without its sequence_number (added in emission order by the engine). */
export type ResponseEventBody =
  | { type: "response.created" | "response.in_progress" | "response.completed" | "response.incomplete" | "response.failed"; response: ResponseState }
  | { type: "response.output_item.added" | "response.output_item.done"; output_index: number; item: OutputItem }
  | { type: "response.file_search_call.in_progress" | "response.file_search_call.searching" | "response.file_search_call.completed"; output_index: number; item_id: string }
  | { type: "response.content_part.added" | "response.content_part.done"; item_id: string; output_index: number; content_index: number; part: OutputTextPart }
  | { type: "response.output_text.delta"; item_id: string; output_index: number; content_index: number; delta: string; logprobs: [] }
  | { type: "response.output_text.done"; item_id: string; output_index: number; content_index: number; text: string; logprobs: [] }
  | { type: "response.output_text.annotation.added"; item_id: string; output_index: number; content_index: number; annotation_index: number; annotation: FileCitation }
  | { type: "response.function_call_arguments.delta"; item_id: string; output_index: number; delta: string }
  | { type: "response.function_call_arguments.done"; item_id: string; output_index: number; name: string; arguments: string };

/** A stream event as sent: numbered from 0 without gaps. */
export type ResponseEvent = ResponseEventBody & { sequence_number: number };
