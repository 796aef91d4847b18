// POST /v1/files: stream the multipart `file` part into R2 while reading the other fields, then validate them.
import { z } from "zod";
import { badRequest, payloadTooLarge } from "../../http/errors";
import { boundaryOf, readMultipart } from "../../http/multipart";
import { parseOrThrow } from "../../http/validation";
import { newFileId, nowSeconds } from "../../core/ids";
import type { FileRow } from "../../platform/d1/files-repo";
import { fileKey, R2StreamWriter } from "../../platform/r2/blob-store";

/** OpenAI's per-file limit. The Workers request limit (100 MB on Free/Pro) usually bites first. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;

export const FilePurpose = z.enum(["assistants", "batch", "fine-tune", "vision", "user_data", "evals"]);

const CreateFileFields = z.strictObject({
  purpose: FilePurpose,
  "expires_after[anchor]": z.literal("created_at").optional(),
  "expires_after[seconds]": z
    .string()
    .regex(/^\d+$/, "expected an integer")
    .transform(Number)
    .pipe(z.number().int().min(3600).max(2_592_000))
    .optional(),
});

/** Batch files expire after 30 days unless told otherwise (spec FileExpirationAfter). */
const BATCH_DEFAULT_EXPIRY_SECONDS = 30 * 86_400;

export interface ReceivedFile {
  filename: string;
  contentType: string | null;
  bytes: number;
  sha256: string;
}

/**
 * Reads a multipart body: the file part goes to R2 under `files/{fileId}` as it arrives; other fields are
 * collected (small). `fileField` is "file" on the OpenAI face. On any failure the partial object is removed.
 */
export async function receiveMultipart(
  request: Request,
  bucket: R2Bucket,
  fileId: string,
  fileField: string,
): Promise<{ file: ReceivedFile | null; fields: Record<string, string> }> {
  const boundary = boundaryOf(request.headers.get("content-type") ?? undefined);
  if (!request.body) throw badRequest("The request has no body.", null, "invalid_multipart");
  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  let writer: R2StreamWriter | null = null;
  let current: { name: string; filename: string | null; contentType: string | null; text: Uint8Array[]; size: number } | null = null;
  const decoder = new TextDecoder();
  try {
    for await (const event of readMultipart(request.body, boundary)) {
      if (event.type === "part") {
        current = { ...event, text: [], size: 0 };
        if (event.name === fileField && event.filename !== null) {
          if (writer) throw badRequest(`Only one '${fileField}' part is accepted.`, fileField);
          writer = new R2StreamWriter(bucket, fileKey(fileId), event.contentType);
        }
      } else if (event.type === "data" && current) {
        if (writer && current.name === fileField && current.filename !== null) {
          if (writer.bytes + event.chunk.length > MAX_FILE_BYTES)
            throw payloadTooLarge(`File is too large: the limit is ${MAX_FILE_BYTES} bytes (512 MB).`, fileField);
          await writer.write(event.chunk);
        } else {
          current.size += event.chunk.length;
          if (current.size > MAX_FIELD_BYTES) throw badRequest(`Invalid '${current.name}': the field is too long.`, current.name);
          current.text.push(event.chunk);
        }
      } else if (event.type === "end" && current) {
        if (writer && current.name === fileField && current.filename !== null) {
          const sha256 = await writer.finish();
          file = { filename: current.filename || "unknown_file", contentType: current.contentType, bytes: writer.bytes, sha256 };
        } else {
          const all = new Uint8Array(current.size);
          let at = 0;
          for (const c of current.text) {
            all.set(c, at);
            at += c.length;
          }
          fields[current.name] = decoder.decode(all);
        }
        current = null;
      }
    }
  } catch (error) {
    await writer?.abort();
    throw error;
  }
  return { file, fields };
}

/** The whole create-file flow of the OpenAI face; returns the catalog row to record. */
export async function receiveOpenAIFile(request: Request, bucket: R2Bucket, projectId: string): Promise<FileRow> {
  const id = newFileId();
  const { file, fields } = await receiveMultipart(request, bucket, id, "file");
  try {
    if (!file) throw badRequest("Missing required parameter: 'file'.", "file", "missing_required_parameter");
    if (file.bytes === 0) throw badRequest("Invalid file: the file is empty.", "file", "empty_file");
    const parsed = parseOrThrow(CreateFileFields, fields);
    const createdAt = nowSeconds();
    const seconds = parsed["expires_after[seconds]"] ?? (parsed.purpose === "batch" ? BATCH_DEFAULT_EXPIRY_SECONDS : undefined);
    if (parsed["expires_after[seconds]"] !== undefined && parsed["expires_after[anchor]"] === undefined)
      throw badRequest("Missing required parameter: 'expires_after.anchor'.", "expires_after.anchor", "missing_required_parameter");
    return {
      id,
      project_id: projectId,
      filename: file.filename,
      bytes: file.bytes,
      purpose: parsed.purpose,
      content_type: file.contentType,
      content_sha256: file.sha256,
      created_at: createdAt,
      expires_at: seconds === undefined ? null : createdAt + seconds,
      external_file_id: null,
    };
  } catch (error) {
    if (file) await bucket.delete(fileKey(id));
    throw error;
  }
}
