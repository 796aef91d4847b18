// /api/v1/beta/files: upload (multipart, LlamaCloud purposes), list, get, delete, content — the same files as /v1/files.
import { Hono } from "hono";
import type { AppEnv } from "../../http/app-env";
import { notFound } from "../../http/errors";
import { pageRequest, pageResponse } from "../shared/pagination";
import { llamaQuery } from "../shared/query";
import { presignedDownload } from "./download";
import { FileContentQuery, FileCreateFields, FileListQuery, FileQueryBody } from "./schemas";
import { jsonBody } from "../../http/json-body";
import { fileCursor, serializeLlamaFile } from "./serialize";
import { receiveLlamaUpload } from "./upload";

export function llamaFileRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/", async (c) => {
    const s = c.get("services");
    const { row } = await receiveLlamaUpload(c.req.raw, s.bucket, c.get("projectId"), "file", FileCreateFields, (f) => f.purpose, (f) => f.external_file_id ?? null);
    await s.files.record(row);
    return c.json(serializeLlamaFile(row));
  });

  app.get("/", async (c) => {
    const q = llamaQuery(c, FileListQuery, ["file_ids"]);
    const page = await c.get("services").files.query(c.get("projectId"), {
      ...pageRequest(q),
      orderBy: q.order_by,
      fileName: q.file_name,
      externalFileId: q.external_file_id,
      fileIds: q.file_ids,
    });
    return c.json(pageResponse(page, serializeLlamaFile, fileCursor(q.order_by)));
  });

  // The deprecated POST form of the list: the same query, its filter in the body.
  app.post("/query", async (c) => {
    const body = await jsonBody(c, FileQueryBody);
    const f = body.filter ?? {};
    const projectId = c.get("projectId");
    const fileIds = f.file_ids ?? undefined;
    // Filters no file here can pass: a data source (every file was uploaded by hand), another project, no ids.
    const none = (f.data_source_id ?? null) !== null || (f.project_id != null && f.project_id !== projectId) || fileIds?.length === 0;
    const page = none
      ? { items: [], last: null }
      : await c.get("services").files.query(projectId, {
          ...pageRequest(body),
          orderBy: body.order_by,
          fileName: f.file_name ?? undefined,
          externalFileId: f.external_file_id ?? undefined,
          fileIds,
        });
    return c.json(pageResponse(page, serializeLlamaFile, fileCursor(body.order_by)));
  });

  app.get("/:file_id", async (c) => {
    const id = c.req.param("file_id");
    const row = await c.get("services").files.get(c.get("projectId"), id);
    if (!row) throw notFound("file", id, "file_id");
    return c.json(serializeLlamaFile(row));
  });

  app.delete("/:file_id", async (c) => {
    const id = c.req.param("file_id");
    if (!(await c.get("services").files.delete(c.get("projectId"), id))) throw notFound("file", id, "file_id");
    return c.body(null, 204);
  });

  app.get("/:file_id/content", async (c) => {
    const id = c.req.param("file_id");
    const q = llamaQuery(c, FileContentQuery);
    const row = await c.get("services").files.get(c.get("projectId"), id);
    if (!row) throw notFound("file", id, "file_id");
    return c.json(await presignedDownload(c.env, new URL(c.req.url).origin, row.id, row.project_id, q.expires_at_seconds));
  });

  return app;
}
