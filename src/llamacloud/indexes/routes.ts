// /api/v1/indexes: create (the first sync starts by itself), list, get, sync (409 while one runs), delete.
import { Hono } from "hono";
import type { AppEnv } from "../../http/app-env";
import { notFound } from "../../http/errors";
import { jsonBody } from "../../http/json-body";
import { bySequence, pageRequest, pageResponse } from "../shared/pagination";
import { valueOrThrow } from "../shared/failures";
import { llamaQuery } from "../shared/query";
import { IndexCreateParams, IndexListQuery } from "./schemas";
import { serializeIndex, serializeIndexRow } from "./serialize";

export function indexRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/", async (c) => {
    const body = await jsonBody(c, IndexCreateParams);
    const created = await c.get("services").indexes.create(c.get("projectId"), {
      sourceDirectoryId: body.source_directory_id,
      name: body.name,
      description: body.description,
      syncFrequency: body.sync_frequency,
      vectorTarget: body.vector_target,
    });
    return c.json(serializeIndex(valueOrThrow(created)));
  });

  app.get("/", async (c) => {
    const q = llamaQuery(c, IndexListQuery);
    const page = await c.get("services").indexes.list(c.get("projectId"), { ...pageRequest(q), sourceDirectoryId: q.source_directory_id });
    return c.json(pageResponse(page, serializeIndexRow, bySequence));
  });

  app.get("/:index_id", async (c) => {
    const id = c.req.param("index_id");
    const view = await c.get("services").indexes.get(c.get("projectId"), id);
    if (!view) throw notFound("index", id, "index_id");
    return c.json(serializeIndex(view));
  });

  app.post("/:index_id/sync", async (c) => {
    const id = c.req.param("index_id");
    const synced = await c.get("services").indexes.sync(c.get("projectId"), id);
    return c.json(serializeIndex(valueOrThrow(synced)));
  });

  app.delete("/:index_id", async (c) => {
    const id = c.req.param("index_id");
    if (!(await c.get("services").indexes.delete(c.get("projectId"), id))) throw notFound("index", id, "index_id");
    return c.body(null, 204);
  });

  return app;
}
