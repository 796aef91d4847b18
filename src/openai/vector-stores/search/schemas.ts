// Wire schema for POST /v1/vector_stores/{id}/search (spec VectorStoreSearchRequest + the guide's hybrid_search).
import { z } from "zod";
import { MAX_FILTER_DEPTH, SearchFilter } from "../../../core/search/filters";
import { limitedJson, type JsonLimits } from "../../../http/json-limits";

export const HybridSearch = z
  .strictObject({
    embedding_weight: z.number().min(0).max(1000),
    text_weight: z.number().min(0).max(1000),
  })
  .superRefine((v, ctx) => {
    if (v.embedding_weight === 0 && v.text_weight === 0)
      ctx.addIssue({ code: "custom", message: "Invalid 'ranking_options.hybrid_search': at least one of embedding_weight and text_weight must be greater than 0.", params: { code: "invalid_value" } });
  });

/**
 * Each filter level is an object and its `filters` array, plus an `in` list at the bottom: deeper input is refused
 * before the recursive schema sees it. 64 KiB holds 64 comparisons (MAX_FILTER_COMPARISONS) with long values.
 */
export const FILTER_LIMITS: JsonLimits = { maxBytes: 64 * 1024, maxDepth: 2 * MAX_FILTER_DEPTH + 2 };

export const VectorStoreSearchParams = z.strictObject({
  query: z.union([
    z.string().trim().min(1).max(4096),
    z.array(z.string().trim().min(1).max(4096)).min(1).max(10),
  ]),
  rewrite_query: z.boolean().default(false),
  max_num_results: z.number().int().min(1).max(50).default(10),
  filters: limitedJson(SearchFilter.nullable(), FILTER_LIMITS).optional(),
  ranking_options: z
    .strictObject({
      ranker: z.enum(["none", "auto", "default-2024-11-15"]).default("auto"),
      score_threshold: z.number().min(0).max(1).default(0),
      hybrid_search: HybridSearch.optional(),
    })
    .optional(),
});
