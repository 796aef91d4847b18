// Uploads one browser File: small files in one POST /v1/files, large ones through the Uploads API in parts.
import type { ApiClient, ProgressHandler } from "../../api/client";
import type { FileObject, UploadObject } from "../../api/types";

/**
 * Files above this go through /v1/uploads. Cloudflare caps a request body at 100 MB (Free/Pro plans), so one
 * POST /v1/files cannot carry more; parts well under it also make a failed part cheap to retry.
 */
export const MULTIPART_THRESHOLD_BYTES = 32 * 1024 * 1024;
/** Bytes per Uploads API part (the API allows up to 64 MB per part). */
export const PART_BYTES = 16 * 1024 * 1024;

/** The purpose files uploaded here get: the one vector stores take. */
export const UPLOAD_PURPOSE = "assistants";

function mimeTypeOf(file: File): string {
  return /^[\w.+-]+\/[\w.+-]+$/.test(file.type) ? file.type : "application/octet-stream";
}

/** Uploads `file`, reporting bytes sent of its size; answers the created File object. Throws ApiCallError. */
export async function uploadFile(api: ApiClient, file: File, onProgress: ProgressHandler, signal?: AbortSignal): Promise<FileObject> {
  if (file.size <= MULTIPART_THRESHOLD_BYTES) {
    const form = new FormData();
    form.append("purpose", UPLOAD_PURPOSE);
    form.append("file", file, file.name);
    // The multipart envelope adds a few hundred bytes: report against the file's size, capped.
    return api.postForm<FileObject>("/v1/files", form, (sent) => onProgress(Math.min(sent, file.size), file.size), signal);
  }
  const upload = await api.post<UploadObject>("/v1/uploads", { filename: file.name, purpose: UPLOAD_PURPOSE, bytes: file.size, mime_type: mimeTypeOf(file) });
  const partIds: string[] = [];
  try {
    for (let start = 0; start < file.size; start += PART_BYTES) {
      const form = new FormData();
      form.append("data", file.slice(start, start + PART_BYTES));
      const part = await api.postForm<{ id: string }>(`/v1/uploads/${upload.id}/parts`, form, (sent) => onProgress(Math.min(start + sent, file.size), file.size), signal);
      partIds.push(part.id);
    }
    const done = await api.post<UploadObject>(`/v1/uploads/${upload.id}/complete`, { part_ids: partIds });
    if (!done.file) throw new Error(`Upload ${upload.id} completed without a file.`);
    return done.file;
  } catch (error) {
    // Best effort: a half-sent upload should not wait an hour for its expiry to free its parts.
    await api.post(`/v1/uploads/${upload.id}/cancel`).catch(() => undefined);
    throw error;
  }
}
