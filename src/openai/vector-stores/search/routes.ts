// POST /v1/vector_stores/{id}/search → vector_store.search_results.page.
import { Hono } from "hono";
import type { AppEnv } from "../../../http/app-env";
import { badRequest, notFound } from "../../../http/errors";
import { jsonBody } from "../../../http/json-body";
import { forgetStore, storeIdInScopeCached } from "../store-scope";
import { VectorStoreSearchParams } from "./schemas";

export function searchRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/", async (c) => {
    const storeId = await storeIdInScopeCached(c);
    const body = await jsonBody(c, VectorStoreSearchParams);
    const ranking = body.ranking_options;
    const result = await c.get("services").search.search(storeId, {
      queries: typeof body.query === "string" ? [body.query] : body.query,
      rewrite: body.rewrite_query,
      maxResults: body.max_num_results,
      filter: body.filters ?? null,
      ranker: ranking?.ranker ?? "auto",
      scoreThreshold: ranking?.score_threshold ?? 0,
      weights: ranking?.hybrid_search ? { embedding: ranking.hybrid_search.embedding_weight, text: ranking.hybrid_search.text_weight } : null,
    });
    if (result === "missing") {
      forgetStore(storeId);
      throw notFound("vector_store", storeId);
    }
    if (result === "expired") throw badRequest(`Vector store '${storeId}' has expired.`, "vector_store_id", "vector_store_expired");
    return c.json({
      object: "vector_store.search_results.page" as const,
      search_query: result.searchQuery,
      data: result.hits.map((h) => ({
        file_id: h.fileId,
        filename: h.filename,
        score: h.score,
        attributes: h.attributes,
        content: h.chunks.map((chunk) => ({ type: "text" as const, text: chunk.text })),
      })),
      has_more: false,
      next_page: null,
    });
  });

  return app;
}
