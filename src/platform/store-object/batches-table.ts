// SQL over the store object's `batches` and `batch_files` tables; batch counts come from the files' rows.
import type { Sql } from "./sql";
import type { BatchState } from "../../core/store-object/files";
import { countFiles } from "./summary";

export interface BatchRow {
  batch_id: string;
  created_at: number;
  cancelled: number;
}

export function createBatch(sql: Sql, batchId: string, createdAt: number, fileIds: string[]): void {
  sql.run(`INSERT OR IGNORE INTO batches (batch_id, created_at, cancelled) VALUES (?, ?, 0)`, batchId, createdAt);
  for (const id of fileIds) sql.run(`INSERT OR IGNORE INTO batch_files (batch_id, file_id) VALUES (?, ?)`, batchId, id);
}

export function batchFileIds(sql: Sql, batchId: string): string[] {
  return sql.all<{ file_id: string }>(`SELECT file_id FROM batch_files WHERE batch_id = ?`, batchId).map((r) => r.file_id);
}

export function markCancelled(sql: Sql, batchId: string): void {
  sql.run(`UPDATE batches SET cancelled = 1 WHERE batch_id = ?`, batchId);
}

/** `completed` once every file is terminal (even if some failed); `cancelled` after a cancel. Never an off-spec value. */
export function batchState(sql: Sql, batchId: string): BatchState | null {
  const row = sql.all<BatchRow>(`SELECT * FROM batches WHERE batch_id = ?`, batchId)[0];
  if (!row) return null;
  const file_counts = countFiles(sql, `WHERE file_id IN (SELECT file_id FROM batch_files WHERE batch_id = ?)`, batchId);
  const status = row.cancelled ? "cancelled" : file_counts.in_progress > 0 ? "in_progress" : "completed";
  return { batch_id: row.batch_id, created_at: row.created_at, status, file_counts };
}
