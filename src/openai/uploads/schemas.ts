// Wire schemas of /v1/uploads (spec CreateUploadRequest, CompleteUploadRequest).
import { z } from "zod";
import { IdField } from "../../http/validation";
import { MAX_PARTS, MAX_UPLOAD_BYTES } from "../../core/uploads/upload-service";

/** A plain media type (`type/subtype` with optional parameters): it is replayed as a Content-Type on download. */
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[\x20-\x7e]*"|[\w.+-]+))*$/;

/** Spec CreateUploadRequest: `bytes` ≤ 8 GB (the Upload maximum); `expires_after` is the completed file's policy. */
export const UploadCreateParams = z.strictObject({
  filename: z.string().min(1).max(1024),
  purpose: z.enum(["assistants", "batch", "fine-tune", "vision", "user_data", "evals"]),
  bytes: z.number().int().min(1).max(MAX_UPLOAD_BYTES),
  mime_type: z.string().max(256).regex(MEDIA_TYPE, "expected a MIME type such as 'text/plain'"),
  expires_after: z
    .strictObject({
      anchor: z.literal("created_at"),
      seconds: z.number().int().min(3600).max(2_592_000),
    })
    .optional(),
});

/** Spec CompleteUploadRequest: the parts in file order, and an optional md5 (hex) of the whole file. */
export const UploadCompleteParams = z.strictObject({
  part_ids: z.array(IdField).min(1).max(MAX_PARTS),
  md5: z.string().regex(/^[0-9a-fA-F]{32}$/, "expected 32 hexadecimal digits").optional(),
});
