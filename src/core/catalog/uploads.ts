// The catalog's uploads (D1 `uploads`, `upload_parts`): the rows the core works with and what it asks of the tables.
import type { FileRow } from "./files";

export type UploadStatus = "pending" | "completed" | "cancelled" | "expired";

/** One Upload. Times are unix seconds; `bytes` is the size declared at create. */
export interface UploadRow {
  id: string;
  project_id: string;
  filename: string;
  bytes: number;
  purpose: string;
  mime_type: string;
  /** The completed file's `expires_after.seconds`, null = the file never expires. */
  file_expires_after: number | null;
  status: UploadStatus;
  created_at: number;
  expires_at: number;
  file_id: string | null;
}

/** One received part: its bytes are the R2 object `uploadPartKey(upload_id, id)`. */
export interface UploadPartRow {
  id: string;
  upload_id: string;
  bytes: number;
  /** Hex sha256 of the part's bytes. */
  sha256: string;
  created_at: number;
}

/** Why a part could not be recorded: the upload left `pending` meanwhile, or the part would break a total limit. */
export type PartRefusal = "not_pending" | "too_many_bytes" | "too_many_parts";

/** Limits a part insert checks in the same statement (so parallel parts cannot overshoot them). */
export interface PartLimits {
  maxTotalBytes: number;
  maxParts: number;
  now: number;
}

export interface UploadsCatalog {
  insert(row: UploadRow): Promise<void>;
  /** The upload as stored (any status), or null when it is not this project's. */
  get(projectId: string, id: string): Promise<UploadRow | null>;
  /** Records a part only while the upload is pending and unexpired and the limits hold; one statement. */
  insertPart(part: UploadPartRow, limits: PartLimits): Promise<true | PartRefusal>;
  /** The parts of `uploadId` among `ids` (ids of other uploads are not returned). */
  partsOf(uploadId: string, ids: string[]): Promise<UploadPartRow[]>;
  /**
   * In one transaction: the upload goes pending → completed (only if still pending and unexpired at `now`), the file
   * row is inserted, and every part row of the upload is removed. False when the upload was no longer pending.
   */
  complete(uploadId: string, file: FileRow, now: number): Promise<boolean>;
  /** pending → `status` (cancelled, or expired once `now` ≥ expires_at) and every part row removed; false if it was not pending. */
  close(uploadId: string, status: "cancelled" | "expired", now: number): Promise<boolean>;
  /** Pending uploads whose hour ran out before `now`, oldest first, at most `limit`. */
  listExpired(now: number, limit: number): Promise<UploadRow[]>;
  /** Ids of cancelled or expired uploads whose expiry is before `before`, at most `limit`. */
  listClosed(before: number, limit: number): Promise<string[]>;
  /** Removes an upload's row and any part row left. */
  remove(uploadId: string): Promise<void>;
}
