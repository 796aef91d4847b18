// /v1/vector_stores: create, list, retrieve, modify, delete; sub-resources are mounted beneath.
import { Hono } from "hono";
import type { AppEnv } from "../../http/app-env";
import { badRequest, notFound } from "../../http/errors";
import { jsonBody } from "../../http/json-body";
import { pathId, queryParams } from "../../http/validation";
import { ID_PREFIX } from "../../core/ids";
import { ListQuery, resolveChunking } from "../shared/schemas";
import { listResponse } from "../shared/list";
import { pollAfter } from "../shared/poll";
import { VectorStoreCreateParams, VectorStoreUpdateParams } from "./schemas";
import { serializeVectorStore } from "./serialize";
import { forgetStore } from "./store-scope";
import { vectorStoreFileRoutes } from "./files/routes";
import { fileBatchRoutes } from "./file-batches/routes";
import { searchRoutes } from "./search/routes";
import { resolveFileIds } from "./file-ids";

export function vectorStoreRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/", async (c) => {
    const body = await jsonBody(c, VectorStoreCreateParams);
    const s = c.get("services");
    const projectId = c.get("projectId");
    const files = body.file_ids?.length
      ? await resolveFileIds(s, projectId, body.file_ids, "file_ids")
      : [];
    const view = await s.vectorStores.create(projectId, {
      name: body.name,
      description: body.description,
      metadata: body.metadata,
      expiresAfterDays: body.expires_after?.days,
    });
    if (files.length > 0) {
      // A store deleted meanwhile (store_missing) is answered as it was created; its later reads answer 404.
      await s.attachments.attach(view.row.id, projectId, files.map((file) => ({ file, attributes: null, chunking: resolveChunking(body.chunking_strategy) })));
      const fresh = await s.vectorStores.get(projectId, view.row.id);
      if (fresh) return pollAfter(c, fresh.summary.status, c.json(serializeVectorStore(fresh)));
    }
    return c.json(serializeVectorStore(view));
  });

  app.get("/", async (c) => {
    const q = queryParams(c, ListQuery);
    const page = await c.get("services").vectorStores.list(c.get("projectId"), q);
    if (page === "bad_cursor") throw badRequest(`Invalid '${q.after ? "after" : "before"}': no vector store found with id '${q.after ?? q.before}'.`, q.after ? "after" : "before");
    return c.json(listResponse(page, serializeVectorStore));
  });

  app.get("/:vector_store_id", async (c) => {
    const id = pathId(c, "vector_store_id", ID_PREFIX.vectorStore);
    const view = await c.get("services").vectorStores.get(c.get("projectId"), id);
    if (!view) throw notFound("vector_store", id);
    return pollAfter(c, view.summary.status, c.json(serializeVectorStore(view)));
  });

  app.post("/:vector_store_id", async (c) => {
    const id = pathId(c, "vector_store_id", ID_PREFIX.vectorStore);
    const body = await jsonBody(c, VectorStoreUpdateParams);
    const view = await c.get("services").vectorStores.update(c.get("projectId"), id, {
      name: body.name,
      metadata: body.metadata,
      expiresAfterDays: body.expires_after === undefined ? undefined : body.expires_after === null ? null : body.expires_after.days,
    });
    if (!view) throw notFound("vector_store", id);
    return c.json(serializeVectorStore(view));
  });

  app.delete("/:vector_store_id", async (c) => {
    const id = pathId(c, "vector_store_id", ID_PREFIX.vectorStore);
    if (!(await c.get("services").vectorStores.delete(c.get("projectId"), id))) throw notFound("vector_store", id);
    forgetStore(id);
    return c.json({ id, object: "vector_store.deleted" as const, deleted: true });
  });

  app.route("/:vector_store_id/files", vectorStoreFileRoutes());
  app.route("/:vector_store_id/file_batches", fileBatchRoutes());
  app.route("/:vector_store_id/search", searchRoutes());

  return app;
}
