// Wire schemas for /v1/vector_stores/{id}/files.
import { z } from "zod";
import { IdField } from "../../../http/validation";
import { Attributes, ChunkingStrategyParam, ListQuery, intFromQuery } from "../../shared/schemas";

export const FileCreateParams = z.strictObject({
  file_id: IdField,
  attributes: Attributes.optional(),
  chunking_strategy: ChunkingStrategyParam.optional(),
});

export const FileUpdateParams = z.strictObject({
  attributes: Attributes,
});

export const FileStatusFilter = z.enum(["in_progress", "completed", "failed", "cancelled"]);

export const FileListParams = ListQuery.extend({ filter: FileStatusFilter.optional() });

/**
 * Query of GET …/files/{file_id}/content. Without `view` (OpenAI's contract) the whole parsed text is one item and the
 * other parameters are ignored. `view=chunks` is Shelf's extension: the file's chunks in order, `limit` (1–100,
 * default 20) per page, `page` the previous answer's `next_page`. Not strict: unknown parameters stay ignored as before.
 */
export const FileContentQuery = z.object({
  view: z.enum(["text", "chunks"]).default("text"),
  limit: intFromQuery(1, 100, 20),
  page: z.string().regex(/^\d{1,9}$/, "expected the next_page of a previous answer").optional(),
});
