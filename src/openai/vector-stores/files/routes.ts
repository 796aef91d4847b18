// /v1/vector_stores/{id}/files: attach, list, retrieve, update attributes, detach, parsed content (whole, or as chunks).
import { Hono } from "hono";
import type { AppEnv } from "../../../http/app-env";
import { badRequest, notFound } from "../../../http/errors";
import { jsonBody } from "../../../http/json-body";
import { pathId, queryParams } from "../../../http/validation";
import { ID_PREFIX } from "../../../core/ids";
import { listResponse } from "../../shared/list";
import { pollAfter } from "../../shared/poll";
import { resolveChunking } from "../../shared/schemas";
import { liveStoreInScope, storeInScope } from "../store-scope";
import { FileContentQuery, FileCreateParams, FileListParams, FileUpdateParams } from "./schemas";
import { serializeContentChunk, serializeVectorStoreFile } from "./serialize";
import { resolveFileIds } from "../file-ids";

export function vectorStoreFileRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/", async (c) => {
    const store = await liveStoreInScope(c);
    const body = await jsonBody(c, FileCreateParams);
    const s = c.get("services");
    const [file] = await resolveFileIds(s, c.get("projectId"), [body.file_id], "file_id", true);
    const outcome = await s.attachments.attach(store.id, c.get("projectId"), [
      { file: file!, attributes: body.attributes ?? null, chunking: resolveChunking(body.chunking_strategy) },
    ]);
    if (outcome.kind === "store_missing") throw notFound("vector_store", store.id);
    // Empty: the file was deleted while it was being attached, and the delete won.
    const [attached] = outcome.attached;
    if (!attached) throw notFound("file", body.file_id, "file_id");
    return pollAfter(c, attached.row.status, c.json(serializeVectorStoreFile(store.id, attached.row)));
  });

  app.get("/", async (c) => {
    const store = await storeInScope(c);
    const q = queryParams(c, FileListParams);
    const page = await c.get("services").storeObjects.get(store.id).listFiles(q);
    if (page === "bad_cursor") throw badRequest(`Invalid '${q.after ? "after" : "before"}': no file found with id '${q.after ?? q.before}' in this vector store.`, q.after ? "after" : "before");
    return c.json(listResponse({ data: page.rows, hasMore: page.hasMore }, (row) => serializeVectorStoreFile(store.id, row)));
  });

  app.get("/:file_id", async (c) => {
    const store = await storeInScope(c);
    const fileId = pathId(c, "file_id", ID_PREFIX.file);
    const row = await c.get("services").storeObjects.get(store.id).getFile(fileId);
    if (!row) throw notFound("vector_store_file", fileId);
    return pollAfter(c, row.status, c.json(serializeVectorStoreFile(store.id, row)));
  });

  app.post("/:file_id", async (c) => {
    const store = await storeInScope(c);
    const fileId = pathId(c, "file_id", ID_PREFIX.file);
    const body = await jsonBody(c, FileUpdateParams);
    const row = await c.get("services").storeObjects.get(store.id).updateAttributes(fileId, body.attributes);
    if (!row) throw notFound("vector_store_file", fileId);
    return c.json(serializeVectorStoreFile(store.id, row));
  });

  app.delete("/:file_id", async (c) => {
    const store = await storeInScope(c);
    const fileId = pathId(c, "file_id", ID_PREFIX.file);
    if (!(await c.get("services").attachments.detach(store.id, fileId))) throw notFound("vector_store_file", fileId);
    return c.json({ id: fileId, object: "vector_store.file.deleted" as const, deleted: true });
  });

  app.get("/:file_id/content", async (c) => {
    const store = await storeInScope(c);
    const fileId = pathId(c, "file_id", ID_PREFIX.file);
    const q = queryParams(c, FileContentQuery);
    if (q.view === "chunks") {
      const page = await c.get("services").fileContent.chunks(store.id, fileId, q.page === undefined ? -1 : Number(q.page), q.limit);
      if (!page) throw notFound("vector_store_file", fileId);
      const last = page.chunks[page.chunks.length - 1];
      return c.json({
        object: "vector_store.file_content.page" as const,
        data: page.chunks.map(serializeContentChunk),
        has_more: page.hasMore,
        next_page: page.hasMore && last ? String(last.chunk_index) : null,
      });
    }
    const text = await c.get("services").fileContent.parsedText(store.id, fileId);
    if (text === null) throw notFound("vector_store_file", fileId);
    return c.json({
      object: "vector_store.file_content.page" as const,
      data: text === "" ? [] : [{ type: "text" as const, text }],
      has_more: false,
      next_page: null,
    });
  });

  return app;
}
