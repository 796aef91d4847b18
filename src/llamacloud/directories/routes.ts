// /api/v1/beta/directories: create, list, get, update, delete; the directory's files are mounted beneath.
import { Hono } from "hono";
import type { AppEnv } from "../../http/app-env";
import { notFound } from "../../http/errors";
import { jsonBody } from "../../http/json-body";
import { bySequence, pageRequest, pageResponse } from "../shared/pagination";
import { llamaQuery } from "../shared/query";
import { directoryFileRoutes } from "./files/routes";
import { DirectoryCreateParams, DirectoryListQuery, DirectoryUpdateParams } from "./schemas";
import { serializeDirectory } from "./serialize";

export function directoryRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/", async (c) => {
    const body = await jsonBody(c, DirectoryCreateParams);
    const row = await c.get("services").directories.create(c.get("projectId"), {
      name: body.name,
      description: body.description,
      type: body.type,
      systemMetadata: body.system_metadata,
    });
    return c.json(serializeDirectory(row));
  });

  app.get("/", async (c) => {
    const q = llamaQuery(c, DirectoryListQuery, ["types"]);
    const types = [...new Set([...(q.type ? [q.type] : []), ...(q.types ?? [])])];
    const page = await c.get("services").directories.list(c.get("projectId"), { ...pageRequest(q), name: q.name, types });
    return c.json(pageResponse(page, serializeDirectory, bySequence));
  });

  app.get("/:directory_id", async (c) => {
    const id = c.req.param("directory_id");
    const row = await c.get("services").directories.get(c.get("projectId"), id);
    if (!row) throw notFound("directory", id, "directory_id");
    return c.json(serializeDirectory(row));
  });

  app.patch("/:directory_id", async (c) => {
    const id = c.req.param("directory_id");
    const body = await jsonBody(c, DirectoryUpdateParams);
    const row = await c.get("services").directories.update(c.get("projectId"), id, body);
    if (!row) throw notFound("directory", id, "directory_id");
    return c.json(serializeDirectory(row));
  });

  app.delete("/:directory_id", async (c) => {
    const id = c.req.param("directory_id");
    if (!(await c.get("services").directories.delete(c.get("projectId"), id))) throw notFound("directory", id, "directory_id");
    return c.body(null, 204);
  });

  app.route("/:directory_id/files", directoryFileRoutes());

  return app;
}
