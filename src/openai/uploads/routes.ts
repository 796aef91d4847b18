// /v1/uploads: create, add part, complete, cancel.
import { Hono } from "hono";
import type { AppEnv } from "../../http/app-env";
import { jsonBody } from "../../http/json-body";
import { badRequest } from "../../http/errors";
import { receiveMultipart } from "../../http/receive-upload";
import { pathId } from "../../http/validation";
import { ID_PREFIX, newUploadPartId, nowSeconds } from "../../core/ids";
import { MAX_PART_BYTES } from "../../core/uploads/upload-service";
import { UploadCompleteParams, UploadCreateParams } from "./schemas";
import { serializeUpload, serializeUploadPart } from "./serialize";
import { uploadValueOrThrow } from "./errors";

export function uploadRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/", async (c) => {
    const body = await jsonBody(c, UploadCreateParams);
    const row = await c.get("services").uploads.create(c.get("projectId"), {
      filename: body.filename,
      purpose: body.purpose,
      bytes: body.bytes,
      mimeType: body.mime_type,
      fileExpiresAfter: body.expires_after?.seconds ?? null,
    });
    return c.json(serializeUpload(row));
  });

  app.post("/:upload_id/parts", async (c) => {
    const uploads = c.get("services").uploads;
    const upload = uploadValueOrThrow(await uploads.pending(c.get("projectId"), pathId(c, "upload_id", ID_PREFIX.upload)));
    const partId = newUploadPartId();
    const key = uploads.partKey(upload.id, partId);
    const { file, fields } = await receiveMultipart(c.req.raw, c.get("services").bucket, partId, "data", {
      key,
      maxBytes: MAX_PART_BYTES,
      limitText: "64 MB per part",
      withoutFilename: true,
    });
    const unknown = Object.keys(fields)[0];
    if (!file || unknown !== undefined) {
      if (file) await c.get("services").bucket.delete(key);
      throw unknown !== undefined
        ? badRequest(`Unknown parameter: '${unknown}'.`, unknown, "unknown_parameter")
        : badRequest("Missing required parameter: 'data'.", "data", "missing_required_parameter");
    }
    const part = uploadValueOrThrow(
      await uploads.recordPart(upload, { id: partId, upload_id: upload.id, bytes: file.bytes, sha256: file.sha256, created_at: nowSeconds() }),
    );
    return c.json(serializeUploadPart(part));
  });

  app.post("/:upload_id/complete", async (c) => {
    const id = pathId(c, "upload_id", ID_PREFIX.upload);
    const body = await jsonBody(c, UploadCompleteParams);
    const done = uploadValueOrThrow(await c.get("services").uploads.complete(c.get("projectId"), id, body.part_ids, body.md5));
    return c.json(serializeUpload(done.upload, done.file));
  });

  app.post("/:upload_id/cancel", async (c) => {
    const id = pathId(c, "upload_id", ID_PREFIX.upload);
    const row = uploadValueOrThrow(await c.get("services").uploads.cancel(c.get("projectId"), id));
    return c.json(serializeUpload(row));
  });

  return app;
}
