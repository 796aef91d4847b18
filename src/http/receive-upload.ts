// Receives a multipart upload for either face: the file part streams into R2 while the small fields are collected.
import { badRequest, payloadTooLarge } from "./errors";
import { boundaryOf, readMultipart } from "./multipart";
import { fileKey } from "../core/files/blob-keys";
import { R2StreamWriter } from "../platform/r2/blob-store";

/** OpenAI's per-file limit. The Workers request limit (100 MB on Free/Pro) usually bites first. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;

export interface ReceivedFile {
  filename: string;
  contentType: string | null;
  bytes: number;
  sha256: string;
}

/** Where a received file part goes instead of `files/{fileId}`, and its own size cap (an Upload's part). */
export interface ReceiveTarget {
  key: string;
  maxBytes: number;
  /** The limit as a client reads it, e.g. "64 MB". */
  limitText: string;
  /** Take the file field even when it carries no filename (`curl -F data=...` sends a plain field). */
  withoutFilename: boolean;
}

/**
 * Reads a multipart body: the file part goes to R2 under `files/{fileId}` (or `target.key`) as it arrives; other
 * fields are collected (small). `fileField` names the file part ("file", "data" for an Upload's part, or
 * "upload_file" for LlamaCloud directory uploads). On any failure the partial object is removed.
 */
export async function receiveMultipart(
  request: Request,
  bucket: R2Bucket,
  fileId: string,
  fileField: string,
  target?: ReceiveTarget,
): Promise<{ file: ReceivedFile | null; fields: Record<string, string> }> {
  const maxBytes = target?.maxBytes ?? MAX_FILE_BYTES;
  const limitText = target?.limitText ?? "512 MB";
  const isFilePart = (name: string, filename: string | null) => name === fileField && (filename !== null || !!target?.withoutFilename);
  const boundary = boundaryOf(request.headers.get("content-type") ?? undefined);
  if (!request.body) throw badRequest("The request has no body.", null, "invalid_multipart");
  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  let writer: R2StreamWriter | null = null;
  let current: { name: string; filename: string | null; contentType: string | null; text: Uint8Array[]; size: number } | null = null;
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  try {
    for await (const event of readMultipart(request.body, boundary)) {
      if (event.type === "part") {
        current = { ...event, text: [], size: 0 };
        if (isFilePart(event.name, event.filename)) {
          if (writer) throw badRequest(`Only one '${fileField}' part is accepted.`, fileField);
          writer = new R2StreamWriter(bucket, target?.key ?? fileKey(fileId), event.contentType);
        }
      } else if (event.type === "data" && current) {
        if (writer && isFilePart(current.name, current.filename)) {
          if (writer.bytes + event.chunk.length > maxBytes)
            throw payloadTooLarge(`File is too large: the limit is ${maxBytes} bytes (${limitText}).`, fileField);
          await writer.write(event.chunk);
        } else {
          current.size += event.chunk.length;
          if (current.size > MAX_FIELD_BYTES) throw badRequest(`Invalid '${current.name}': the field is longer than ${MAX_FIELD_BYTES} bytes.`, current.name, "string_above_max_length");
          current.text.push(event.chunk);
        }
      } else if (event.type === "end" && current) {
        if (writer && isFilePart(current.name, current.filename)) {
          const sha256 = await writer.finish();
          file = { filename: current.filename || "unknown_file", contentType: current.contentType, bytes: writer.bytes, sha256 };
        } else {
          const all = new Uint8Array(current.size);
          let at = 0;
          for (const c of current.text) {
            all.set(c, at);
            at += c.length;
          }
          try {
            fields[current.name] = decoder.decode(all);
          } catch {
            throw badRequest(`Invalid '${current.name}': the field is not valid UTF-8.`, current.name, "invalid_unicode");
          }
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

