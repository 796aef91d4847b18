// Wire schemas for /v1/vector_stores/{id}/files.
import { z } from "zod";
import { IdField } from "../../../http/validation";
import { Attributes, ChunkingStrategyParam, ListQuery } from "../../shared/schemas";

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
