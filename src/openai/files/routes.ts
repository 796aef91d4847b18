// /v1/files: upload, list, retrieve, delete, content.
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../http/app-env";
import { badRequest, notFound } from "../../http/errors";
import { pathId, queryParams } from "../../http/validation";
import { ID_PREFIX } from "../../core/ids";
import { listQueryWith } from "../shared/schemas";
import { listResponse } from "../shared/list";
import { fileDownloadResponse } from "../../http/file-response";
import { serializeFile } from "./serialize";
import { FilePurpose, receiveOpenAIFile } from "./upload";

/** /files lists differ from the others: limit up to 10,000 (default 10,000), no `before`. */
const FileListQuery = listQueryWith({ max: 10_000, default: 10_000 })
  .omit({ before: true })
  .extend({ purpose: z.union([FilePurpose, z.enum(["assistants_output", "batch_output", "fine-tune-results"])]).optional() });

export function fileRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/", async (c) => {
    const s = c.get("services");
    const row = await receiveOpenAIFile(c.req.raw, s.bucket, c.get("projectId"));
    await s.files.record(row);
    return c.json(serializeFile(row));
  });

  app.get("/", async (c) => {
    const q = queryParams(c, FileListQuery);
    const page = await c.get("services").files.list(c.get("projectId"), q, q.purpose);
    if (page === "bad_cursor") throw badRequest(`Invalid 'after': no file found with id '${q.after}'.`, "after");
    return c.json(listResponse(page, serializeFile));
  });

  app.get("/:file_id", async (c) => {
    const id = pathId(c, "file_id", ID_PREFIX.file);
    const row = await c.get("services").files.get(c.get("projectId"), id);
    if (!row) throw notFound("file", id, "id");
    return c.json(serializeFile(row));
  });

  app.delete("/:file_id", async (c) => {
    const id = pathId(c, "file_id", ID_PREFIX.file);
    if (!(await c.get("services").files.delete(c.get("projectId"), id))) throw notFound("file", id, "id");
    return c.json({ id, object: "file" as const, deleted: true });
  });

  app.get("/:file_id/content", async (c) => {
    const id = pathId(c, "file_id", ID_PREFIX.file);
    const found = await c.get("services").files.content(c.get("projectId"), id);
    if (!found) throw notFound("file", id, "id");
    return fileDownloadResponse(found.row, found.body);
  });

  return app;
}
