// Wire schema for POST /api/v1/retrieval/retrieve (LlamaCloud RetrievalRetrieveParams).
import { z } from "zod";
import { FIELD_LIMITS, limitedJson } from "../../http/json-limits";
import { IdField } from "../../http/validation";
import { CustomFilters, StaticFilters } from "./filters";

/** "Values above 500 are capped at 500." */
export const MAX_TOP_K = 500;
const Weight = z.number().min(0).max(1).nullable().optional();

export const RetrievalRetrieveParams = z.object({
  /** The index id, or its export_config_id (the vector store id). */
  index_id: IdField.min(1),
  query: z.string().trim().min(1).max(4096),
  top_k: z.number().int().min(1).nullable().optional().transform((k) => Math.min(k ?? 10, MAX_TOP_K)),
  score_threshold: z.number().min(0).max(1).nullable().optional(),
  custom_filters: limitedJson(CustomFilters.nullable(), FIELD_LIMITS.customFilters).optional(),
  full_text_pipeline_weight: Weight,
  vector_pipeline_weight: Weight,
  num_candidates: z.number().int().min(1).max(1000).nullable().optional(),
  rerank: z.object({ enabled: z.boolean().default(true), top_n: z.number().int().min(1).max(MAX_TOP_K).nullable().optional() }).optional(),
  /** Filters on built-in fields: `parsed_directory_file_id` with any operator, ANDed with custom_filters. */
  static_filters: StaticFilters.nullable().optional(),
});
export type RetrievalRetrieveParams = z.output<typeof RetrievalRetrieveParams>;
