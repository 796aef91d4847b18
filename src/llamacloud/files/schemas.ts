// Wire schemas for /api/v1/beta/files (LlamaCloud FileCreateParams, FileListParams, FileContentParams).
import { z } from "zod";
import { PageParams } from "../shared/pagination";

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
