// POST /api/v1/retrieval/retrieve: the top chunks of an index for a query (hybrid search, filters, weights).
import { Hono } from "hono";
import type { AppEnv } from "../../http/app-env";
import { badRequest, notFound } from "../../http/errors";
import { jsonBody } from "../../http/json-body";
import type { HybridWeights } from "../../core/search/fusion";
import { toDirectoryFileFilter, toFilter } from "./filters";
import { RetrievalRetrieveParams } from "./schemas";
import { serializeResult } from "./serialize";

/** One weight given: the other pipeline gets the rest of 1. Neither: the search core's default balance. */
function weightsOf(body: RetrievalRetrieveParams): HybridWeights | null {
  const text = body.full_text_pipeline_weight ?? null;
  const vector = body.vector_pipeline_weight ?? null;
  if (text === null && vector === null) return null;
  const weights = text === null ? { text: 1 - (vector ?? 0), embedding: vector ?? 0 } : { text, embedding: vector ?? 1 - text };
  if (weights.text === 0 && weights.embedding === 0)
    throw badRequest("Invalid weights: at least one of full_text_pipeline_weight and vector_pipeline_weight must be greater than 0.", "vector_pipeline_weight", "invalid_value");
  return weights;
}

export function retrievalRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/retrieve", async (c) => {
    const body = await jsonBody(c, RetrievalRetrieveParams);
    const s = c.get("services");
    const projectId = c.get("projectId");
    const index = await s.indexes.resolve(projectId, body.index_id);
    if (!index) throw notFound("index", body.index_id, "index_id");
    if (index.vector_target === "DISABLED")
      throw badRequest(
        `Index '${index.id}' was created with vector_target 'DISABLED': it has no vector target to retrieve from. Read its files with retrieval find, grep and read, or create an index with vector_target 'DEFAULT'.`,
        "index_id",
        "vector_target_disabled",
      );
    if (!(await s.vectorStores.getRow(projectId, index.vector_store_id)))
      throw badRequest(`The vector store '${index.vector_store_id}' of index '${index.id}' was deleted.`, "index_id", "export_target_deleted");
    const result = await s.retrieval.retrieve(index.vector_store_id, {
      query: body.query,
      topK: body.top_k,
      scoreThreshold: body.score_threshold ?? 0,
      filter: toFilter(body.custom_filters),
      directoryFiles: toDirectoryFileFilter(body.static_filters),
      weights: weightsOf(body),
      rerank: body.rerank?.enabled ?? true,
      rerankTopN: body.rerank?.top_n ?? null,
      candidates: body.num_candidates ?? null,
    });
    if (!result) throw badRequest(`The vector store '${index.vector_store_id}' of index '${index.id}' has expired.`, "index_id", "vector_store_expired");
    return c.json({ results: result.chunks.map((chunk) => serializeResult(chunk, result.reranked)) });
  });

  return app;
}
