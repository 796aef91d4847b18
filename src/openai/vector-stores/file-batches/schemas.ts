// Wire schemas for /v1/vector_stores/{id}/file_batches.
import { z } from "zod";
import { IdField } from "../../../http/validation";
import { Attributes, ChunkingStrategyParam, ListQuery } from "../../shared/schemas";
import { FileStatusFilter } from "../files/schemas";

export const FileBatchCreateParams = z
  .strictObject({
    file_ids: z.array(IdField).min(1).max(2000).optional(),
    files: z
      .array(
        z.strictObject({
          file_id: IdField,
          attributes: Attributes.optional(),
          chunking_strategy: ChunkingStrategyParam.optional(),
        }),
      )
      .min(1)
      .max(2000)
      .optional(),
    attributes: Attributes.optional(),
    chunking_strategy: ChunkingStrategyParam.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.file_ids && v.files)
      ctx.addIssue({ code: "custom", path: ["files"], message: "Invalid 'files': 'file_ids' and 'files' are mutually exclusive; send one of them.", params: { code: "invalid_value" } });
    if (!v.file_ids && !v.files)
      ctx.addIssue({ code: "custom", path: ["file_ids"], message: "Missing required parameter: 'file_ids' (or 'files').", params: { code: "missing_required_parameter" } });
  });

export const BatchFileListParams = ListQuery.extend({ filter: FileStatusFilter.optional() });
