// SQL over the store object's `files` table: one row per attached file, with its generation and checkpoint.
import type { Checkpoint } from "../../core/store-object/slices";
import type { Attributes } from "../../core/ports";
import type { AttachSpec, FileListQuery, LastErrorCode, StoreFileRow } from "../../core/store-object/files";
import type { Sql } from "./sql";
import { nextSequence } from "./meta";

export function getFile(sql: Sql, fileId: string): StoreFileRow | null {
  return sql.all<StoreFileRow>(`SELECT * FROM files WHERE file_id = ?`, fileId)[0] ?? null;
}

/** Inserts a new in-progress file, or restarts a failed/cancelled one with a new generation. */
export function upsertInProgress(sql: Sql, spec: AttachSpec, now: number): StoreFileRow {
  const generation = nextSequence(sql, "generation_seq");
  sql.run(
    `INSERT INTO files (file_id, generation, status, created_at, updated_at, filename, bytes, attributes, max_chunk_tokens, overlap_tokens, usage_bytes, last_error_code, last_error_message, checkpoint)
     VALUES (?, ?, 'in_progress', ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, NULL)
     ON CONFLICT (file_id) DO UPDATE SET generation = excluded.generation, status = 'in_progress', updated_at = excluded.updated_at,
       attributes = excluded.attributes, max_chunk_tokens = excluded.max_chunk_tokens, overlap_tokens = excluded.overlap_tokens,
       usage_bytes = 0, last_error_code = NULL, last_error_message = NULL, checkpoint = NULL`,
    spec.fileId, generation, now, now, spec.filename, spec.bytes,
    spec.attributes ? JSON.stringify(spec.attributes) : null, spec.maxTokens, spec.overlapTokens,
  );
  return getFile(sql, spec.fileId)!;
}

export function setAttributes(sql: Sql, fileId: string, attributes: Attributes | null, now: number): void {
  sql.run(`UPDATE files SET attributes = ?, updated_at = ? WHERE file_id = ?`, attributes ? JSON.stringify(attributes) : null, now, fileId);
}

export function setCheckpoint(sql: Sql, fileId: string, checkpoint: Checkpoint, now: number): void {
  sql.run(`UPDATE files SET checkpoint = ?, updated_at = ? WHERE file_id = ?`, JSON.stringify(checkpoint), now, fileId);
}

/** usage_bytes = parsed chunk text bytes + 4 bytes per embedding dimension per chunk (OpenAI bills chunks + embeddings). */
export function complete(sql: Sql, fileId: string, dimensions: number, now: number): void {
  sql.run(
    `UPDATE files SET status = 'completed', checkpoint = NULL, updated_at = ?,
       usage_bytes = COALESCE((SELECT SUM(length(CAST(c.text AS BLOB))) + COUNT(*) * ? FROM chunks c WHERE c.file_id = files.file_id AND c.generation = files.generation), 0)
     WHERE file_id = ?`,
    now, dimensions * 4, fileId,
  );
}

export function fail(sql: Sql, fileId: string, code: LastErrorCode, message: string, now: number): void {
  sql.run(
    `UPDATE files SET status = 'failed', usage_bytes = 0, last_error_code = ?, last_error_message = ?, checkpoint = NULL, updated_at = ? WHERE file_id = ?`,
    code, message, now, fileId,
  );
}

export function cancelInProgress(sql: Sql, fileIds: string[], now: number): void {
  for (const id of fileIds) sql.run(`UPDATE files SET status = 'cancelled', checkpoint = NULL, updated_at = ? WHERE file_id = ? AND status = 'in_progress'`, now, id);
}

export function deleteFile(sql: Sql, fileId: string): void {
  sql.run(`DELETE FROM files WHERE file_id = ?`, fileId);
  sql.run(`DELETE FROM batch_files WHERE file_id = ?`, fileId);
}

/** In-progress files that made no progress since `before` (a lost or dead-lettered message). */
export function stalled(sql: Sql, before: number, limit: number): StoreFileRow[] {
  return sql.all<StoreFileRow>(`SELECT * FROM files WHERE status = 'in_progress' AND updated_at < ? ORDER BY updated_at LIMIT ?`, before, limit);
}

/** Keyset page over (created_at, file_id); `batchId` restricts to one batch's files. */
export function listFiles(sql: Sql, q: FileListQuery): { rows: StoreFileRow[]; hasMore: boolean } | "bad_cursor" {
  const where: string[] = [];
  const binds: (string | number)[] = [];
  if (q.filter) {
    where.push(`f.status = ?`);
    binds.push(q.filter);
  }
  if (q.batchId) {
    where.push(`f.file_id IN (SELECT file_id FROM batch_files WHERE batch_id = ?)`);
    binds.push(q.batchId);
  }
  const useBefore = !q.after && !!q.before;
  const scanDesc = useBefore ? q.order !== "desc" : q.order === "desc";
  const cursorId = q.after ?? q.before;
  if (cursorId) {
    const cursor = getFile(sql, cursorId);
    if (!cursor) return "bad_cursor";
    where.push(`(f.created_at, f.file_id) ${scanDesc ? "<" : ">"} (?, ?)`);
    binds.push(cursor.created_at, cursor.file_id);
  }
  const dir = scanDesc ? "DESC" : "ASC";
  const rows = sql.all<StoreFileRow>(
    `SELECT f.* FROM files f ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY f.created_at ${dir}, f.file_id ${dir} LIMIT ?`,
    ...binds, q.limit + 1,
  );
  const hasMore = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  if (useBefore) page.reverse();
  return { rows: page, hasMore };
}
