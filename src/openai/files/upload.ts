// POST /v1/files: stream the multipart `file` part into R2 while reading the other fields, then validate them.
import { z } from "zod";
import { badRequest } from "../../http/errors";
import { receiveMultipart } from "../../http/receive-upload";
import { parseOrThrow } from "../../http/validation";
import { newFileId, nowSeconds } from "../../core/ids";
import type { FileRow } from "../../core/catalog/files";
import { fileKey } from "../../core/files/blob-keys";

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
}).superRefine((fields, ctx) => {
  // Spec FileExpirationAfter requires both `anchor` and `seconds`: half a policy would silently mean "never expires".
  const hasAnchor = fields["expires_after[anchor]"] !== undefined;
  if (hasAnchor === (fields["expires_after[seconds]"] !== undefined)) return;
  const missing = hasAnchor ? "expires_after[seconds]" : "expires_after[anchor]";
  ctx.addIssue({ code: "invalid_type", expected: "string", path: [missing], input: undefined });
});

/** Batch files expire after 30 days unless told otherwise (spec FileExpirationAfter). */
const BATCH_DEFAULT_EXPIRY_SECONDS = 30 * 86_400;

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
