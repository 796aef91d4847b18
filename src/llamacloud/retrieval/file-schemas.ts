// Wire schemas for POST /api/v1/retrieval/files/{find,grep,read} (LlamaCloud RetrievalFindParams, RetrievalGrepParams, RetrievalReadParams).
import { z } from "zod";
import { IdField } from "../../http/validation";
import { MAX_CONTEXT_CHARS } from "../../core/documents/grep";
import { MAX_PATTERN_CHARS } from "../../core/documents/pattern";
import { MAX_READ_CHARS } from "../../core/documents/document-service";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageParams } from "../shared/pagination";

/** Page sizes arrive in the JSON body (PaginatedCursorPost): numbers, not query strings. */
const BodyPage = {
  page_size: z.number().int().min(1).nullable().optional().transform((n) => Math.min(n ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)),
  page_token: PageParams.page_token.nullable().transform((t) => t ?? undefined),
};

export const RetrievalFindParams = z.object({
  ...BodyPage,
  /** The index id, or its export_config_id. */
  index_id: IdField.min(1),
  /** Exact file name. */
  file_name: z.string().max(1024).nullable().optional(),
  /** Case-insensitive substring of the file name. */
  file_name_contains: z.string().max(1024).nullable().optional(),
});

export const RetrievalGrepParams = z.object({
  ...BodyPage,
  index_id: IdField.min(1),
  file_id: IdField.min(1),
  pattern: z.string().min(1).max(MAX_PATTERN_CHARS),
  /** Characters of context either side of each match, in `content` (default 0). */
  context_chars: z.number().int().min(0).max(MAX_CONTEXT_CHARS).nullable().optional(),
});

export const RetrievalReadParams = z.object({
  index_id: IdField.min(1),
  file_id: IdField.min(1),
  /** Starting character offset (default 0). */
  offset: z.number().int().min(0).optional(),
  /** Characters to read from the offset: default and most MAX_READ_CHARS. */
  max_length: z.number().int().min(1).max(MAX_READ_CHARS).nullable().optional(),
});
