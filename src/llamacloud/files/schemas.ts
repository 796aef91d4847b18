// Wire schemas for /api/v1/beta/files (LlamaCloud FileCreateParams, FileListParams, FileContentParams).
import { z } from "zod";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageParams } from "../shared/pagination";

/** "Valid values: 'user_data', 'parse', 'extract', 'split', 'classify', 'sheet', 'agent_app'." */
export const LlamaFilePurpose = z.enum(["user_data", "parse", "extract", "split", "classify", "sheet", "agent_app"]);

export const FileCreateFields = z.object({
  purpose: LlamaFilePurpose,
  external_file_id: z.string().max(512).optional(),
});

export const FileListQuery = z.object({
  ...PageParams,
  file_name: z.string().optional(),
  external_file_id: z.string().optional(),
  /** D1 binds at most 100 parameters per statement. */
  file_ids: z.array(z.string()).max(90).optional(),
  /** "One of 'name' (ascending), 'id' (ascending) or 'created_at' (descending) … anything else is rejected." */
  order_by: z.enum(["created_at", "name", "id"]).default("created_at"),
});

export const FileContentQuery = z.object({
  /** How long the download URL stays valid: default one hour, at most seven days. */
  expires_at_seconds: z.coerce.number().int().min(1).max(7 * 86_400).default(3600),
});

/** `order_by` of files.query: the orders the files list has, optionally with their own direction spelled out. */
const QUERY_ORDERS: Record<string, "created_at" | "name" | "id"> = {
  created_at: "created_at",
  "created_at desc": "created_at",
  name: "name",
  "name asc": "name",
  id: "id",
  "id asc": "id",
};

/**
 * POST /api/v1/beta/files/query (LlamaCloud FileQueryParams; deprecated there in favour of GET /files, which it
 * mirrors). Every file here was uploaded by hand: `data_source_id` matches none, `only_manually_uploaded` all.
 */
export const FileQueryBody = z.object({
  page_size: z.number().int().min(1).nullable().optional().transform((n) => Math.min(n ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)),
  page_token: PageParams.page_token.nullable().transform((t) => t ?? undefined),
  order_by: z
    .string()
    .nullable()
    .optional()
    .transform((o, ctx) => {
      const order = QUERY_ORDERS[(o ?? "created_at").trim().toLowerCase().replace(/\s+/g, " ")];
      if (!order) ctx.addIssue({ code: "custom", message: "one of 'created_at' (newest first), 'name' or 'id' (ascending)" });
      return order ?? "created_at";
    }),
  filter: z
    .object({
      data_source_id: z.string().nullable().optional(),
      external_file_id: z.string().nullable().optional(),
      /** D1 binds at most 100 parameters per statement. */
      file_ids: z.array(z.string()).max(90).nullable().optional(),
      file_name: z.string().nullable().optional(),
      only_manually_uploaded: z.boolean().nullable().optional(),
      project_id: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});
