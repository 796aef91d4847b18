// Wire schemas for /api/v1/beta/directories (LlamaCloud DirectoryCreateParams, DirectoryUpdateParams, DirectoryListParams).
import { z } from "zod";
import { FIELD_LIMITS, limitedJson } from "../../http/json-limits";
import { PageParams } from "../shared/pagination";

const DirectoryType = z.enum(["ephemeral", "index", "user"]);

export const DirectoryCreateParams = z.object({
  name: z.string().trim().min(1).max(256),
  description: z.string().max(2048).nullable().optional(),
  /** `index` directories are created by indexes, not by clients. */
  type: z.enum(["ephemeral", "user"]).optional(),
  /** Connectors are not part of Shelf: only "none" is accepted. */
  connector_subscription_id: z.null().optional(),
  /** Opaque to Shelf and kept in the directory's catalog row: ≤ 64 KiB as JSON, ≤ 16 levels. */
  system_metadata: limitedJson(z.record(z.string(), z.unknown()).nullable(), FIELD_LIMITS.systemMetadata).optional(),
});

export const DirectoryUpdateParams = z.object({
  name: z.string().trim().min(1).max(256).nullable().optional(),
  description: z.string().max(2048).nullable().optional(),
});

export const DirectoryListQuery = z.object({
  ...PageParams,
  name: z.string().optional(),
  type: DirectoryType.optional(),
  types: z.array(DirectoryType).optional(),
  /** Deletes are permanent here, so there is nothing extra to include. */
  include_deleted: z.enum(["true", "false"]).optional(),
});
