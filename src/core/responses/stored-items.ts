// The items a stored response keeps, each with an id (spec ItemResource, trimmed to what Shelf accepts and produces).
import type { FileSearchCallItem, FunctionCallItem, MessageItem } from "./items";

/** Spec InputTextContent. */
export interface InputTextPart {
  type: "input_text";
  text: string;
}

/** Spec InputMessageResource: a user, system or developer message as stored (string content becomes one input_text part). */
export interface InputMessageItem {
  id: string;
  type: "message";
  role: "user" | "system" | "developer";
  status: "completed";
  content: InputTextPart[];
}

/** Spec FunctionToolCallOutputResource: the client's result of one of its function calls. */
export interface FunctionCallOutputItem {
  id: string;
  type: "function_call_output";
  /** The `call_id` of the function_call it answers. */
  call_id: string;
  output: string;
  status: "completed";
}

/**
 * Any item of a stored response: its input (messages, items fed back, function outputs) or its output. Assistant
 * messages and file_search / function calls have their output shapes, so an output item fed back is stored as sent.
 */
export type StoredItem = InputMessageItem | MessageItem | FileSearchCallItem | FunctionCallItem | FunctionCallOutputItem;

/**
 * One input item of a request, as the face validated it (spec InputItem): an EasyInputMessage / InputMessage (content a
 * string or parts; only text parts are runnable, the others are kept by `type` so the refusal can name them), an output
 * item fed back, a function_call_output, or an item_reference to a stored item.
 */
export type InputItemParam =
  | {
      type?: "message" | undefined;
      id?: string | undefined;
      role: "user" | "assistant" | "system" | "developer";
      content: string | { type: string; text?: string | undefined }[];
    }
  | (Omit<FileSearchCallItem, "status" | "results"> & { status?: FileSearchCallItem["status"] | undefined; results?: FileSearchCallItem["results"] | undefined })
  | { type: "function_call"; id?: string | undefined; call_id: string; name: string; arguments: string; status?: FunctionCallItem["status"] | undefined }
  | { type: "function_call_output"; id?: string | undefined; call_id: string; output: string | { type: string; text?: string | undefined }[] }
  | { type: "item_reference"; id: string };
