// The search playground's form (as typed) and the POST /v1/vector_stores/{id}/search body it makes.
import { newGroup, toApiFilter, type ApiFilter, type GroupNode } from "../../playground/filter-tree";

/** Rankers the API takes (`ranking_options.ranker`). */
export const RANKERS = ["auto", "none", "default-2024-11-15"] as const;

/** The form as typed: numbers stay text until the request is built, so nothing typed is reformatted or lost. */
export interface SearchForm {
  queries: string[];
  filter: GroupNode;
  maxNumResults: string;
  ranker: (typeof RANKERS)[number];
  /** Empty: not sent (the API's default, 0). */
  scoreThreshold: string;
  /** Sends `ranking_options.hybrid_search` with the two weights. */
  hybrid: boolean;
  embeddingWeight: string;
  textWeight: string;
  rewriteQuery: boolean;
}

/** The request body (VectorStoreSearchParams; `hybrid_search` as in OpenAI's retrieval guide). */
export interface SearchRequestBody {
  query: string | string[];
  max_num_results: number;
  rewrite_query: boolean;
  filters?: ApiFilter;
  ranking_options: {
    ranker: (typeof RANKERS)[number];
    score_threshold?: number;
    hybrid_search?: { embedding_weight: number; text_weight: number };
  };
}

/** A fresh form: one empty query, no filter, the API's defaults (10 results, auto ranker). */
export function emptySearchForm(): SearchForm {
  return { queries: [""], filter: newGroup("and"), maxNumResults: "10", ranker: "auto", scoreThreshold: "", hybrid: false, embeddingWeight: "0.4", textWeight: "0.6", rewriteQuery: false };
}

function number(text: string, name: string): number {
  const n = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(n)) throw new Error(`${name} must be a number.`);
  return n;
}

/**
 * The exact body the playground sends. Ranges (1..50 results, threshold 0..1, weights) are left to the API, whose
 * error is shown; only text that is not a number, an empty query list or a malformed filter throw an Error here.
 */
export function buildSearchRequest(form: SearchForm): SearchRequestBody {
  const queries = form.queries.filter((q) => q.trim() !== "");
  if (queries.length === 0) throw new Error("Type a query.");
  const body: SearchRequestBody = {
    query: queries.length === 1 ? queries[0]! : queries,
    max_num_results: number(form.maxNumResults, "max_num_results"),
    rewrite_query: form.rewriteQuery,
    ranking_options: { ranker: form.ranker },
  };
  const filters = toApiFilter(form.filter);
  if (filters) body.filters = filters;
  if (form.scoreThreshold.trim() !== "") body.ranking_options.score_threshold = number(form.scoreThreshold, "score_threshold");
  if (form.hybrid)
    body.ranking_options.hybrid_search = { embedding_weight: number(form.embeddingWeight, "embedding_weight"), text_weight: number(form.textWeight, "text_weight") };
  return body;
}
