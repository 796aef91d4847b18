// The Uploads API's rules: a file sent as parts (any size, any order), completed into a composite file, or cancelled/expired with nothing left.
import type { FileRow } from "../catalog/files";
import type { UploadPartRow, UploadRow, UploadsCatalog, UploadStatus } from "../catalog/uploads";
import { fileKey, uploadPartKey, uploadPrefix } from "../files/blob-keys";
import { concatObjects, deleteKeys, writeComposite } from "../files/file-blobs";
import { newFileId, newUploadId, nowSeconds } from "../ids";

/** OpenAI: "an Upload can accept at most 8 GB in total" (createUpload). GB read as GiB: the lenient reading. */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;
/** OpenAI: "Each Part can be at most 64 MB" (addUploadPart). */
export const MAX_PART_BYTES = 64 * 1024 ** 2;
/** Ours: parts per upload (a composite file's manifest lists them; R2 multipart has the same cap). */
export const MAX_PARTS = 10_000;
/** OpenAI: an Upload "expires after an hour after you create it". */
export const UPLOAD_TTL_SECONDS = 3600;
/** Cancelled and expired uploads answer as such for a day, then their rows go (their parts went at once). */
const CLOSED_RETENTION_SECONDS = 86_400;
/** Uploads expired per sweep (a sweep runs on each create and on the Cron Trigger). */
const SWEEP_BATCH = 20;

/** Every expected failure of an Uploads command; the OpenAI face maps each to its wire error. */
export type UploadFailure =
  | { kind: "not_found"; uploadId: string }
  | { kind: "not_pending"; uploadId: string; status: UploadStatus }
  /** The part would take the upload past MAX_UPLOAD_BYTES or MAX_PARTS. */
  | { kind: "too_many_bytes" }
  | { kind: "too_many_parts" }
  | { kind: "duplicate_part"; partId: string }
  | { kind: "unknown_part"; partId: string; uploadId: string }
  | { kind: "bytes_mismatch"; expected: number; actual: number }
  | { kind: "md5_mismatch"; expected: string; actual: string };

export type UploadResult<T> = { ok: true; value: T } | { ok: false; error: UploadFailure };

const ok = <T>(value: T): UploadResult<T> => ({ ok: true, value });
const fail = (error: UploadFailure): { ok: false; error: UploadFailure } => ({ ok: false, error });

/** What create needs; sizes in bytes, `fileExpiresAfter` in seconds (the file's policy, not the upload's hour). */
export interface UploadCreate {
  filename: string;
  purpose: string;
  bytes: number;
  mimeType: string;
  fileExpiresAfter: number | null;
}

/** A completed upload and the file it made. */
export interface CompletedUpload {
  upload: UploadRow;
  file: FileRow;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

export class UploadService {
  constructor(
    private readonly uploads: UploadsCatalog,
    private readonly bucket: R2Bucket,
  ) {}

  async create(projectId: string, params: UploadCreate): Promise<UploadRow> {
    await this.sweep();
    const createdAt = nowSeconds();
    const row: UploadRow = {
      id: newUploadId(),
      project_id: projectId,
      filename: params.filename,
      bytes: params.bytes,
      purpose: params.purpose,
      mime_type: params.mimeType,
      file_expires_after: params.fileExpiresAfter,
      status: "pending",
      created_at: createdAt,
      expires_at: createdAt + UPLOAD_TTL_SECONDS,
      file_id: null,
    };
    await this.uploads.insert(row);
    return row;
  }

  /** The upload as a client sees it now: a pending upload past its hour is expired here (and its parts removed). */
  async get(projectId: string, id: string): Promise<UploadRow | null> {
    const row = await this.uploads.get(projectId, id);
    if (!row || row.status !== "pending" || row.expires_at > nowSeconds()) return row;
    await this.expire(row);
    return { ...row, status: "expired" };
  }

  /** A pending upload of this project, or why not. */
  async pending(projectId: string, id: string): Promise<UploadResult<UploadRow>> {
    const row = await this.get(projectId, id);
    if (!row) return fail({ kind: "not_found", uploadId: id });
    if (row.status !== "pending") return fail({ kind: "not_pending", uploadId: id, status: row.status });
    return ok(row);
  }

  /** The R2 key a new part of `uploadId` is streamed to before `recordPart`. */
  partKey(uploadId: string, partId: string): string {
    return uploadPartKey(uploadId, partId);
  }

  /**
   * Records a part whose bytes are already in R2. Refused (and its object deleted) when the upload stopped being
   * pending meanwhile, or the part would take it past MAX_UPLOAD_BYTES or MAX_PARTS.
   */
  async recordPart(upload: UploadRow, part: UploadPartRow): Promise<UploadResult<UploadPartRow>> {
    const recorded = await this.uploads.insertPart(part, { maxTotalBytes: MAX_UPLOAD_BYTES, maxParts: MAX_PARTS, now: nowSeconds() });
    if (recorded === true) return ok(part);
    await this.bucket.delete(uploadPartKey(upload.id, part.id));
    if (recorded !== "not_pending") return fail({ kind: recorded });
    return this.notPendingNow(upload.project_id, upload.id);
  }

  /**
   * Makes the file from `partIds` in that order: O(1) in its size (a manifest over the part objects), except that a
   * given `md5` is checked by reading the parts once, in order, one chunk in memory at a time.
   */
  async complete(projectId: string, id: string, partIds: string[], md5: string | undefined): Promise<UploadResult<CompletedUpload>> {
    const found = await this.pending(projectId, id);
    if (!found.ok) return found;
    const upload = found.value;
    const seen = new Set<string>();
    for (const partId of partIds) {
      if (seen.has(partId)) return fail({ kind: "duplicate_part", partId });
      seen.add(partId);
    }
    const rows = new Map((await this.uploads.partsOf(id, partIds)).map((p) => [p.id, p]));
    const parts: UploadPartRow[] = [];
    for (const partId of partIds) {
      const part = rows.get(partId);
      if (!part) return fail({ kind: "unknown_part", partId, uploadId: id });
      parts.push(part);
    }
    const total = parts.reduce((sum, p) => sum + p.bytes, 0);
    if (total !== upload.bytes) return fail({ kind: "bytes_mismatch", expected: upload.bytes, actual: total });
    const keys = parts.map((p) => uploadPartKey(id, p.id));
    if (md5 !== undefined) {
      const actual = await this.md5Of(keys);
      if (actual !== md5.toLowerCase()) return fail({ kind: "md5_mismatch", expected: md5, actual });
    }

    const fileId = newFileId();
    const createdAt = nowSeconds();
    const file: FileRow = {
      id: fileId,
      project_id: projectId,
      filename: upload.filename,
      bytes: total,
      purpose: upload.purpose,
      content_type: upload.mime_type,
      // A digest of the parts' digests in order: it changes whenever the bytes do (index sync compares it), without
      // reading 8 GB in this request. It is not the sha256 of the whole file, and is never shown as one.
      content_sha256: hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`parts\n${parts.map((p) => p.sha256).join("\n")}`))),
      created_at: createdAt,
      expires_at: upload.file_expires_after === null ? null : createdAt + upload.file_expires_after,
      external_file_id: null,
    };
    await writeComposite(this.bucket, fileId, { bytes: total, parts: parts.map((p, i) => ({ key: keys[i]!, bytes: p.bytes })) }, upload.mime_type);
    if (!(await this.uploads.complete(id, file, createdAt))) {
      // Cancelled, expired or completed by a concurrent request: this manifest goes; the parts are theirs.
      await this.bucket.delete(fileKey(fileId));
      return this.notPendingNow(projectId, id);
    }
    const used = new Set(keys);
    await deleteKeys(this.bucket, (await this.partKeys(id)).filter((k) => !used.has(k)));
    return ok({ upload: { ...upload, status: "completed", file_id: fileId }, file });
  }

  async cancel(projectId: string, id: string): Promise<UploadResult<UploadRow>> {
    const found = await this.pending(projectId, id);
    if (!found.ok) return found;
    if (!(await this.uploads.close(id, "cancelled", nowSeconds()))) return this.notPendingNow(projectId, id);
    await this.removeParts(id);
    return ok({ ...found.value, status: "cancelled" });
  }

  /**
   * Expires pending uploads past their hour and forgets closed ones after a day; removes their part objects by
   * prefix, which also catches a part whose request died between its R2 write and its catalog row.
   */
  async sweep(): Promise<number> {
    const now = nowSeconds();
    const expired = await this.uploads.listExpired(now, SWEEP_BATCH);
    for (const row of expired) await this.expire(row);
    for (const id of await this.uploads.listClosed(now - CLOSED_RETENTION_SECONDS, SWEEP_BATCH)) {
      await this.removeParts(id);
      await this.uploads.remove(id);
    }
    return expired.length;
  }

  /** The failure of a command that lost a race: the upload left `pending` after we read it. */
  private async notPendingNow(projectId: string, id: string): Promise<{ ok: false; error: UploadFailure }> {
    const row = await this.get(projectId, id);
    return fail(row ? { kind: "not_pending", uploadId: id, status: row.status } : { kind: "not_found", uploadId: id });
  }

  /** Every part object under the upload's prefix (R2 lists 1000 keys a page). */
  private async partKeys(uploadId: string): Promise<string[]> {
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      const listed = await this.bucket.list({ prefix: uploadPrefix(uploadId), ...(cursor ? { cursor } : {}) });
      keys.push(...listed.objects.map((o) => o.key));
      cursor = listed.truncated ? listed.cursor : undefined;
    } while (cursor);
    return keys;
  }

  private async expire(row: UploadRow): Promise<void> {
    await this.uploads.close(row.id, "expired", nowSeconds());
    await this.removeParts(row.id);
  }

  private async removeParts(uploadId: string): Promise<void> {
    await deleteKeys(this.bucket, await this.partKeys(uploadId));
  }

  private async md5Of(keys: string[]): Promise<string> {
    const digest = new crypto.DigestStream("MD5");
    await concatObjects(this.bucket, keys).pipeTo(digest);
    return hex(await digest.digest);
  }
}
