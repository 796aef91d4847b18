// The retrieval playground's form (as typed) and the POST /api/v1/retrieval/retrieve body it makes.
import { conditionValue, type ConditionNode, type FilterValue } from "../../playground/filter-tree";

/** The form as typed; empty number fields are not sent (the API's defaults: top_k 10, no threshold, balanced weights). */
export interface RetrieveForm {
  query: string;
  topK: string;
  scoreThreshold: string;
  /** full_text_pipeline_weight, 0..1. */
  textWeight: string;
  /** vector_pipeline_weight, 0..1. */
  vectorWeight: string;
  rerank: boolean;
  /** ANDed; several conditions on one field are sent as a list (a range). */
  filters: ConditionNode[];
}

/** One custom_filters entry: `{operator, value}`. */
export interface CustomFilter {
  operator: ConditionNode["op"];
  value: FilterValue;
}

/** The body (RetrievalRetrieveParams of @llamaindex/llama-cloud). */
export interface RetrieveRequestBody {
  index_id: string;
  query: string;
  top_k?: number;
  score_threshold?: number;
  full_text_pipeline_weight?: number;
  vector_pipeline_weight?: number;
  rerank: { enabled: boolean };
  custom_filters?: Record<string, CustomFilter | CustomFilter[]>;
}

/** A fresh form: no query, no filter, the API's defaults. */
export function emptyRetrieveForm(): RetrieveForm {
  return { query: "", topK: "10", scoreThreshold: "", textWeight: "", vectorWeight: "", rerank: true, filters: [] };
}

function optionalNumber(text: string, name: string): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text.trim());
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number.`);
  return n;
}

/**
 * LlamaCloud's `custom_filters` of the conditions: `{field: {operator, value}}`, a list where one field has several.
 * Throws an Error (a sentence for the user) for a condition without field or with a bad value.
 */
export function toCustomFilters(conditions: readonly ConditionNode[]): Record<string, CustomFilter | CustomFilter[]> | undefined {
  const out: Record<string, CustomFilter | CustomFilter[]> = {};
  for (const c of conditions) {
    if (c.key.trim() === "") throw new Error("A filter has no field.");
    const f: CustomFilter = { operator: c.op, value: conditionValue(c) };
    const had = out[c.key];
    out[c.key] = had === undefined ? f : Array.isArray(had) ? [...had, f] : [had, f];
  }
  return Object.keys(out).length ? out : undefined;
}

/** The exact body the playground sends for `indexId`; ranges are left to the API, whose error is shown. */
export function buildRetrieveRequest(indexId: string, form: RetrieveForm): RetrieveRequestBody {
  if (form.query.trim() === "") throw new Error("Type a query.");
  const body: RetrieveRequestBody = { index_id: indexId, query: form.query, rerank: { enabled: form.rerank } };
  const topK = optionalNumber(form.topK, "top_k");
  if (topK !== undefined) body.top_k = topK;
  const threshold = optionalNumber(form.scoreThreshold, "score_threshold");
  if (threshold !== undefined) body.score_threshold = threshold;
  const text = optionalNumber(form.textWeight, "full_text_pipeline_weight");
  if (text !== undefined) body.full_text_pipeline_weight = text;
  const vector = optionalNumber(form.vectorWeight, "vector_pipeline_weight");
  if (vector !== undefined) body.vector_pipeline_weight = vector;
  const filters = toCustomFilters(form.filters);
  if (filters) body.custom_filters = filters;
  return body;
}
