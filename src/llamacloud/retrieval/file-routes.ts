// POST /api/v1/retrieval/files/{find,grep,read}: an index's files by name, regex matches in one file's parsed text,
// and windows of that text. Offsets are characters of the text the chunks' chunk_start_char / chunk_end_char count.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../../http/app-env";
import { ApiError, badRequest, notFound } from "../../http/errors";
import { jsonBody } from "../../http/json-body";
import { MAX_READ_CHARS } from "../../core/documents/document-service";
import { decodePageToken, encodePageToken } from "../shared/pagination";
import { RetrievalFindParams, RetrievalGrepParams, RetrievalReadParams } from "./file-schemas";

/** The vector store an index exports to, for `index_id` (its id or export_config_id) in the caller's project; 404 otherwise. */
async function indexStore(c: Context<AppEnv>, indexId: string): Promise<string> {
  const s = c.get("services");
  const projectId = c.get("projectId");
  const index = await s.indexes.resolve(projectId, indexId);
  if (!index) throw notFound("index", indexId, "index_id");
  if (!(await s.vectorStores.getRow(projectId, index.vector_store_id)))
    throw badRequest(`The vector store '${index.vector_store_id}' of index '${index.id}' was deleted.`, "index_id", "export_target_deleted");
  return index.vector_store_id;
}

/** A grep page token holds the character offset the next page resumes at. */
function grepOffset(token: string | undefined): number {
  const after = decodePageToken(token);
  if (after === null) return 0;
  if (typeof after.key !== "number" || after.id !== "grep" || !Number.isSafeInteger(after.key) || after.key < 0)
    throw badRequest("Invalid 'page_token': pass the next_page_token of the previous page unchanged.", "page_token", "invalid_page_token");
  return after.key;
}

export function retrievalFileRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/find", async (c) => {
    const body = await jsonBody(c, RetrievalFindParams);
    const storeId = await indexStore(c, body.index_id);
    const after = decodePageToken(body.page_token);
    const found = await c.get("services").documents.find(storeId, {
      fileName: body.file_name ?? null,
      nameContains: body.file_name_contains ?? null,
      after: after?.id ?? null,
      pageSize: body.page_size,
    });
    if (found === "bad_cursor") throw badRequest("Invalid 'page_token': pass the next_page_token of the previous page unchanged.", "page_token", "invalid_page_token");
    return c.json({
      items: found.files.map((f) => ({ file_id: f.fileId, file_name: f.filename })),
      next_page_token: found.next === null ? null : encodePageToken(0, found.next),
    });
  });

  app.post("/grep", async (c) => {
    const body = await jsonBody(c, RetrievalGrepParams);
    const storeId = await indexStore(c, body.index_id);
    const out = await c.get("services").documents.grep(storeId, body.file_id, body.pattern, grepOffset(body.page_token), body.page_size, body.context_chars ?? 0);
    switch (out.kind) {
      case "page":
        return c.json({ items: out.matches, next_page_token: out.next === null ? null : encodePageToken(out.next, "grep") });
      case "file_not_found":
        throw notFound("file", body.file_id, "file_id");
      case "invalid_pattern":
        throw badRequest(out.message, "pattern", "invalid_pattern");
      case "unsafe_pattern":
        throw badRequest(out.message, "pattern", "unsafe_pattern");
      case "time_limit":
        throw new ApiError(422, out.message, "invalid_request_error", "pattern", "grep_time_limit");
    }
  });

  app.post("/read", async (c) => {
    const body = await jsonBody(c, RetrievalReadParams);
    const storeId = await indexStore(c, body.index_id);
    const read = await c.get("services").documents.read(storeId, body.file_id, body.offset ?? 0, body.max_length ?? MAX_READ_CHARS);
    if (!read) throw notFound("file", body.file_id, "file_id");
    return c.json({ content: read.content });
  });

  return app;
}
