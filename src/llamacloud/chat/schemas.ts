// Wire schemas for /api/v1/chat (the SDK's ChatCreateParams, ChatListParams, ChatStreamParams).
import { z } from "zod";
import { IdField } from "../../http/validation";
import { PageParams } from "../shared/pagination";

/** Indexes one session may search (Shelf's bound: each turn searches every index once per query). */
export const MAX_CHAT_INDEXES = 10;
/** Characters of one prompt (Shelf's bound; the model's context is the real limit). */
export const MAX_PROMPT_CHARS = 32_000;

const IndexIds = z.array(IdField.min(1)).max(MAX_CHAT_INDEXES);

export const ChatCreateParams = z.object({
  /** Index ids (or their export_config_ids); null or absent = an unbound session, bound by its first message. */
  index_ids: IndexIds.nullable().optional(),
  /** Echoed on the session; Shelf has no users to share with, so it changes nothing. */
  shared_access: z.boolean().nullable().optional(),
});
export type ChatCreateParams = z.output<typeof ChatCreateParams>;

export const ChatListQuery = z.object(PageParams);

export const ChatStreamParams = z.object({
  index_ids: IndexIds.min(1),
  prompt: z.string().trim().min(1).max(MAX_PROMPT_CHARS),
  /** true: an index that is not synced yet fails the turn (409); false (default): it is skipped and named in the stop event. */
  require_all_indexes: z.boolean().nullable().optional(),
});
export type ChatStreamParams = z.output<typeof ChatStreamParams>;
