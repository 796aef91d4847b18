// The OpenAI face's wire error for each failure of an Uploads command: one exhaustive switch.
import { ApiError, badRequest, notFound, payloadTooLarge } from "../../http/errors";
import type { UploadFailure, UploadResult } from "../../core/uploads/upload-service";
import { MAX_PARTS, MAX_UPLOAD_BYTES } from "../../core/uploads/upload-service";

export function uploadApiError(failure: UploadFailure): ApiError {
  switch (failure.kind) {
    case "not_found":
      return notFound("upload", failure.uploadId, "upload_id");
    case "not_pending":
      return badRequest(`Upload ${failure.uploadId} is ${failure.status}; only a pending upload accepts parts, completion or cancellation.`, "upload_id", `upload_${failure.status}`);
    case "too_many_bytes":
      return payloadTooLarge(`The upload would exceed its maximum of ${MAX_UPLOAD_BYTES} bytes (8 GB).`, "data");
    case "too_many_parts":
      return badRequest(`The upload already has the maximum of ${MAX_PARTS} parts.`, "data", "too_many_parts");
    case "duplicate_part":
      return badRequest(`Invalid 'part_ids': '${failure.partId}' appears more than once.`, "part_ids", "duplicate_part_id");
    case "unknown_part":
      return badRequest(`Invalid 'part_ids': '${failure.partId}' is not a part of upload ${failure.uploadId}.`, "part_ids", "invalid_part_id");
    case "bytes_mismatch":
      return badRequest(
        `The parts add up to ${failure.actual} bytes, but the upload was created with bytes=${failure.expected}.`,
        "part_ids",
        "bytes_mismatch",
      );
    case "md5_mismatch":
      return badRequest(`Invalid 'md5': the uploaded bytes have md5 ${failure.actual}, not ${failure.expected}.`, "md5", "md5_mismatch");
    default:
      return unreachable(failure);
  }
}

/** The value of an Uploads command; its failure is thrown as the wire error. */
export function uploadValueOrThrow<T>(result: UploadResult<T>): T {
  if (result.ok) return result.value;
  throw uploadApiError(result.error);
}

function unreachable(failure: never): never {
  throw new Error(`unmapped upload failure: ${JSON.stringify(failure)}`);
}
