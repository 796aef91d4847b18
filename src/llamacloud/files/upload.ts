// Multipart uploads of the LlamaCloud face (files.create, directories.files.upload): the file part streams into R2.
import type { z } from "zod";
import { badRequest } from "../../http/errors";
import { parseOrThrow } from "../../http/validation";
import { newFileId, nowSeconds } from "../../core/ids";
import type { FileRow } from "../../core/catalog/files";
import { fileKey } from "../../core/files/blob-keys";
import { receiveMultipart } from "../../http/receive-upload";

/**
 * Streams `fileField` to R2 under a new file id and validates the other fields with `schema`; the caller records
 * the returned row. On a validation failure the stored bytes are removed.
 */
export async function receiveLlamaUpload<S extends z.ZodType>(
  request: Request,
  bucket: R2Bucket,
  projectId: string,
  fileField: string,
  schema: S,
  purposeOf: (fields: z.output<S>) => string,
  externalIdOf: (fields: z.output<S>) => string | null,
): Promise<{ row: FileRow; fields: z.output<S> }> {
  const id = newFileId();
  const { file, fields } = await receiveMultipart(request, bucket, id, fileField);
  try {
    if (!file) throw badRequest(`Missing required parameter: '${fileField}'.`, fileField, "missing_required_parameter");
    if (file.bytes === 0) throw badRequest("Invalid file: the file is empty.", fileField, "empty_file");
    const parsed = parseOrThrow(schema, fields);
    const row: FileRow = {
      id,
      project_id: projectId,
      filename: file.filename,
      bytes: file.bytes,
      purpose: purposeOf(parsed),
      content_type: file.contentType,
      content_sha256: file.sha256,
      created_at: nowSeconds(),
      expires_at: null,
      external_file_id: externalIdOf(parsed),
    };
    return { row, fields: parsed };
  } catch (error) {
    if (file) await bucket.delete(fileKey(id));
    throw error;
  }
}
