// What a new response continues from: the previous_response_id chain, this request's input (stored with ids), and the
// model's transcript built from both — every failure a 400 before any model call.
import type { Context } from "hono";
import type { AppEnv } from "../../http/app-env";
import { badRequest, type ApiError } from "../../http/errors";
import type { ChatMessage } from "../../core/responses/chat-model";
import { conversationOf } from "../../core/responses/response-store";
import type { StoredItem } from "../../core/responses/stored-items";
import { chatTranscript, storeInput, type TranscriptFailure } from "../../core/responses/transcript";
import type { CreateResponseParams } from "./schemas";
import type { CitedSource } from "../../core/responses/citations";

/** A request's conversation: `history` (the chain, oldest first) + `input` (this request's items) → `messages`. */
export interface Conversation {
  history: StoredItem[];
  input: StoredItem[];
  messages: ChatMessage[];
  /** Sources the replayed searches numbered in `messages`; the engine continues their numbers. */
  sources: CitedSource[];
}

/** The 400 for an input the model cannot be given (OpenAI's wording where known). */
export function transcriptError(failure: TranscriptFailure): ApiError {
  switch (failure.kind) {
    case "unsupported_content":
      return badRequest(`Invalid '${failure.param}': content of type '${failure.type}' is not supported; Shelf runs text models, so only input_text and output_text parts are accepted.`, failure.param, "unsupported_value");
    case "unknown_item":
      return badRequest(`Item with id '${failure.id}' not found.`, failure.param, "invalid_value");
    case "orphan_output":
      return badRequest(`No tool call found for function call output with call_id ${failure.callId}.`, failure.param, "invalid_value");
    case "duplicate_item":
      return badRequest(`Duplicate item found with id '${failure.id}'.`, failure.param, "invalid_value");
    case "missing_output":
      return badRequest(`No tool output found for function call ${failure.callId}.`, "input", "invalid_value");
  }
}

/** The previous response's conversation (400 previous_response_not_found when it cannot be continued), then the input's. */
export async function resolveConversation(c: Context<AppEnv>, body: CreateResponseParams): Promise<Conversation> {
  const store = c.get("services").responses;
  const projectId = c.get("projectId");
  let history: StoredItem[] = [];
  const previousId = body.previous_response_id;
  if (previousId != null) {
    // Unknown, deleted, expired, stored with store:false (never stored) or another project's: all the same answer.
    const previous = await store.get(projectId, previousId);
    if (!previous) throw badRequest(`Previous response with id '${previousId}' not found.`, "previous_response_id", "previous_response_not_found");
    history = conversationOf(previous);
  }
  const input = await storeInput(body.input, (id) => store.findItem(projectId, id));
  if (!input.ok) throw transcriptError(input.error);
  // instructions are this request's only: a chain's earlier instructions are not items and are not inherited.
  const messages = chatTranscript(body.instructions, [...history, ...input.value], history.length);
  if (!messages.ok) throw transcriptError(messages.error);
  return { history, input: input.value, messages: messages.value.messages, sources: messages.value.sources };
}
