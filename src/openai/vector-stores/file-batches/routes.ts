// /v1/vector_stores/{id}/file_batches: create, retrieve, cancel, list files.
import { Hono } from "hono";
import type { AppEnv } from "../../../http/app-env";
import { badRequest, notFound } from "../../../http/errors";
import { jsonBody } from "../../../http/json-body";
import { pathId, queryParams } from "../../../http/validation";
import { ID_PREFIX, newFileBatchId, nowSeconds } from "../../../core/ids";
import type { BatchState } from "../../../core/store-object/files";
import { listResponse } from "../../shared/list";
import { pollAfter } from "../../shared/poll";
import { resolveChunking } from "../../shared/schemas";
import { serializeVectorStoreFile } from "../files/serialize";
import { liveStoreInScope, storeInScope } from "../store-scope";
import { BatchFileListParams, FileBatchCreateParams } from "./schemas";
import { resolveFileIds } from "../file-ids";

function serializeBatch(storeId: string, b: BatchState) {
  return {
    id: b.batch_id,
    object: "vector_store.files_batch" as const,
    created_at: b.created_at,
    vector_store_id: storeId,
    status: b.status,
    file_counts: b.file_counts,
  };
}

export function fileBatchRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/", async (c) => {
    const store = await liveStoreInScope(c);
    const body = await jsonBody(c, FileBatchCreateParams);
    const s = c.get("services");
    const projectId = c.get("projectId");
    // `files` carries per-file options; with `file_ids` the top-level attributes/chunking apply to all.
    const entries = body.files
      ? body.files.map((f) => ({ id: f.file_id, attributes: f.attributes ?? null, chunking: resolveChunking(f.chunking_strategy) }))
      : body.file_ids!.map((id) => ({ id, attributes: body.attributes ?? null, chunking: resolveChunking(body.chunking_strategy) }));
    const param = body.files ? "files" : "file_ids";
    const rows = await resolveFileIds(s, projectId, entries.map((e) => e.id), param);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const seen = new Set<string>();
    const items = entries.filter((e) => !seen.has(e.id) && seen.add(e.id)).map((e) => ({ file: byId.get(e.id)!, attributes: e.attributes, chunking: e.chunking }));
    const batchId = newFileBatchId();
    const outcome = await s.attachments.attach(store.id, projectId, items, { batchId, createdAt: nowSeconds() });
    const state = outcome.kind === "attached" ? await s.storeObjects.get(store.id).getBatch(batchId) : null;
    // No batch: the store was deleted while the batch was being created.
    if (!state) throw notFound("vector_store", store.id);
    return pollAfter(c, state.status, c.json(serializeBatch(store.id, state)));
  });

  app.get("/:batch_id", async (c) => {
    const store = await storeInScope(c);
    const batchId = pathId(c, "batch_id", ID_PREFIX.fileBatch);
    const state = await c.get("services").storeObjects.get(store.id).getBatch(batchId);
    if (!state) throw notFound("file_batch", batchId);
    return pollAfter(c, state.status, c.json(serializeBatch(store.id, state)));
  });

  app.post("/:batch_id/cancel", async (c) => {
    const store = await storeInScope(c);
    const batchId = pathId(c, "batch_id", ID_PREFIX.fileBatch);
    const s = c.get("services");
    const cancelled = await s.storeObjects.get(store.id).cancelBatch(batchId);
    if (!cancelled) throw notFound("file_batch", batchId);
    await s.vectorIndex.deleteChunks(store.id, cancelled.droppedChunkIds);
    return c.json(serializeBatch(store.id, cancelled.state));
  });

  app.get("/:batch_id/files", async (c) => {
    const store = await storeInScope(c);
    const batchId = pathId(c, "batch_id", ID_PREFIX.fileBatch);
    const q = queryParams(c, BatchFileListParams);
    const object = c.get("services").storeObjects.get(store.id);
    if (!(await object.getBatch(batchId))) throw notFound("file_batch", batchId);
    const page = await object.listFiles({ ...q, batchId });
    if (page === "bad_cursor") throw badRequest(`Invalid '${q.after ? "after" : "before"}': no file found with id '${q.after ?? q.before}' in this batch.`, q.after ? "after" : "before");
    return c.json(listResponse({ data: page.rows, hasMore: page.hasMore }, (row) => serializeVectorStoreFile(store.id, row)));
  });

  return app;
}
