// /api/v1/beta/directories/{directory_id}/files: add by file_id, upload, list with filters, get, update, delete.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../../../http/app-env";
import { notFound } from "../../../http/errors";
import { jsonBody } from "../../../http/json-body";
import { receiveLlamaUpload } from "../../files/upload";
import { valueOrThrow } from "../../shared/failures";
import { bySequence, pageRequest, pageResponse } from "../../shared/pagination";
import { llamaQuery } from "../../shared/query";
import { DirectoryFileAddParams, DirectoryFileListQuery, DirectoryFileUpdateParams, DirectoryFileUploadFields } from "./schemas";
import { serializeDirectoryFile } from "./serialize";

/** The {directory_id} of the parent route; Hono types a parent's parameters as optional in a sub-app. */
const directoryIdOf = (c: Context<AppEnv>) => c.req.param("directory_id") ?? "";
const directoryMissing = (id: string) => notFound("directory", id, "directory_id");

export function directoryFileRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/", async (c) => {
    const directoryId = directoryIdOf(c);
    const body = await jsonBody(c, DirectoryFileAddParams);
    const added = await c.get("services").directoryFiles.add(c.get("projectId"), directoryId, {
      fileId: body.file_id,
      displayName: body.display_name,
      uniqueId: body.unique_id,
      metadata: body.metadata,
    });
    return c.json(serializeDirectoryFile(valueOrThrow(added)));
  });

  app.post("/upload", async (c) => {
    const directoryId = directoryIdOf(c);
    const s = c.get("services");
    const projectId = c.get("projectId");
    // Checked before the upload streams in, so a wrong directory costs no R2 write.
    if (!(await s.directories.get(projectId, directoryId))) throw directoryMissing(directoryId);
    const { row: file, fields } = await receiveLlamaUpload(c.req.raw, s.bucket, projectId, "upload_file", DirectoryFileUploadFields, () => "user_data", (f) => f.external_file_id ?? null);
    await s.files.record(file);
    const added = await s.directoryFiles.add(projectId, directoryId, { fileId: file.id, displayName: fields.display_name, uniqueId: fields.unique_id, metadata: fields.metadata });
    return c.json(serializeDirectoryFile(valueOrThrow(added)));
  });

  app.get("/", async (c) => {
    const directoryId = directoryIdOf(c);
    const q = llamaQuery(c, DirectoryFileListQuery);
    const page = await c.get("services").directoryFiles.list(c.get("projectId"), directoryId, {
      ...pageRequest(q),
      displayName: q.display_name,
      displayNameContains: q.display_name_contains,
      fileId: q.file_id,
      uniqueId: q.unique_id,
      updatedOnOrAfter: q.updated_at_on_or_after,
      updatedOnOrBefore: q.updated_at_on_or_before,
    });
    if (!page) throw directoryMissing(directoryId);
    return c.json(pageResponse(page, serializeDirectoryFile, bySequence));
  });

  app.get("/:directory_file_id", async (c) => {
    const id = c.req.param("directory_file_id");
    const row = await c.get("services").directoryFiles.get(c.get("projectId"), directoryIdOf(c), id);
    if (!row) throw notFound("directory_file", id, "directory_file_id");
    return c.json(serializeDirectoryFile(row));
  });

  app.patch("/:directory_file_id", async (c) => {
    const id = c.req.param("directory_file_id");
    const body = await jsonBody(c, DirectoryFileUpdateParams);
    const updated = await c.get("services").directoryFiles.update(c.get("projectId"), directoryIdOf(c), id, {
      displayName: body.display_name,
      uniqueId: body.unique_id,
      metadata: body.metadata,
      targetDirectoryId: body.target_directory_id,
    });
    return c.json(serializeDirectoryFile(valueOrThrow(updated)));
  });

  app.delete("/:directory_file_id", async (c) => {
    const id = c.req.param("directory_file_id");
    if (!(await c.get("services").directoryFiles.delete(c.get("projectId"), directoryIdOf(c), id)))
      throw notFound("directory_file", id, "directory_file_id");
    return c.body(null, 204);
  });

  return app;
}
