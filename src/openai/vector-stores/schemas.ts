// Wire schemas for /v1/vector_stores (spec CreateVectorStoreRequest, UpdateVectorStoreRequest).
import { z } from "zod";
import { IdField } from "../../http/validation";
import { ChunkingStrategyParam, Metadata } from "../shared/schemas";

export const VectorStoreExpirationAfter = z.strictObject({
  anchor: z.literal("last_active_at"),
  days: z.number().int().min(1).max(365),
});

export const VectorStoreCreateParams = z.strictObject({
  name: z.string().max(256).optional(),
  description: z.string().max(512).optional(),
  file_ids: z.array(IdField).max(500).optional(),
  chunking_strategy: ChunkingStrategyParam.optional(),
  expires_after: VectorStoreExpirationAfter.optional(),
  metadata: Metadata.optional(),
});

export const VectorStoreUpdateParams = z.strictObject({
  name: z.string().max(256).nullable().optional(),
  expires_after: VectorStoreExpirationAfter.nullable().optional(),
  metadata: Metadata.optional(),
});
