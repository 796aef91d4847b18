// SQL over the store object's `sync_state` and `sync_manifest` tables: the LlamaCloud index that exports here.
import type { SyncMirror } from "../../core/catalog/indexes";
import type { ExportedFile, FailedExport, ManifestRow, SkippedFile, SyncState, SyncTicket } from "../../core/store-object/sync-state";
import type { Sql } from "./sql";
import { matchesDirectoryFile, type DirectoryFileFilter } from "../../core/search/directory-file-filter";
import type { StoreFileStatus } from "../../core/store-object/files";

export type { ExportedFile, FailedExport, ManifestRow, SkippedFile, SyncPhase, SyncState, SyncTicket } from "../../core/store-object/sync-state";

export function readState(sql: Sql): SyncState | null {
  return sql.all<SyncState>(`SELECT * FROM sync_state LIMIT 1`)[0] ?? null;
}

/** Whether `ticket` names the live chain of the run in `state`. */
export function isCurrent(state: SyncState, ticket: SyncTicket): boolean {
  return state.run === ticket.run && state.lease === ticket.lease;
}

/** A new run: status syncing, phase applying, lease 0. The run number survives from earlier runs. */
export function start(sql: Sql, indexId: string, now: number): SyncState {
  const run = (readState(sql)?.run ?? 0) + 1;
  sql.run(
    `INSERT INTO sync_state (index_id, run, status, phase, error_message, skipped, started_at, heartbeat_at, lease, lease_at, resends, last_synced_at, last_exported_at)
     VALUES (?, ?, 'syncing', 'applying', NULL, NULL, ?, ?, 0, NULL, 0, NULL, NULL)
     ON CONFLICT (index_id) DO UPDATE SET run = excluded.run, status = 'syncing', phase = 'applying', error_message = NULL,
       skipped = NULL, started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, lease = 0, lease_at = NULL, resends = 0`,
    indexId, run, now, now,
  );
  return readState(sql)!;
}

/** Progress of the live chain: also ends the back-off of re-sends. */
export function heartbeat(sql: Sql, now: number): void {
  sql.run(`UPDATE sync_state SET heartbeat_at = ?, resends = 0`, now);
}

/** A re-send of a silent run's step: the next lease (older messages go stale). Returns it. */
export function nextLease(sql: Sql, now: number): number {
  sql.run(`UPDATE sync_state SET lease = lease + 1, lease_at = ?, resends = resends + 1`, now);
  return readState(sql)!.lease;
}

export function finishApply(sql: Sql, skipped: SkippedFile[], now: number): void {
  sql.run(`UPDATE sync_state SET phase = 'exporting', skipped = ?, last_synced_at = ?, heartbeat_at = ?, resends = 0`, JSON.stringify(skipped), now, now);
}

export function finish(sql: Sql, status: "ready" | "failed", errorMessage: string | null, now: number, exported: boolean): void {
  sql.run(
    `UPDATE sync_state SET status = ?, phase = NULL, error_message = ?, heartbeat_at = ?, last_exported_at = CASE WHEN ? THEN ? ELSE last_exported_at END`,
    status, errorMessage, now, exported ? 1 : 0, now,
  );
}

export function exportedFiles(sql: Sql): ExportedFile[] {
  return sql.all<ExportedFile>(
    `SELECT m.file_id, m.directory_file_id, m.sha256, m.attributes_hash, f.status AS store_status
       FROM sync_manifest m LEFT JOIN files f ON f.file_id = m.file_id ORDER BY m.file_id`,
  );
}

export function recordExported(sql: Sql, upserts: ManifestRow[], removed: string[]): void {
  for (const r of upserts)
    sql.run(
      `INSERT OR REPLACE INTO sync_manifest (file_id, directory_file_id, sha256, attributes_hash) VALUES (?, ?, ?, ?)`,
      r.file_id, r.directory_file_id, r.sha256, r.attributes_hash,
    );
  for (const id of removed) sql.run(`DELETE FROM sync_manifest WHERE file_id = ?`, id);
}

export function directoryFilesOf(sql: Sql, fileIds: string[]): Record<string, string> {
  if (fileIds.length === 0) return {};
  const rows = sql.all<{ file_id: string; directory_file_id: string }>(
    `SELECT file_id, directory_file_id FROM sync_manifest WHERE file_id IN (SELECT value FROM json_each(?))`,
    JSON.stringify(fileIds),
  );
  return Object.fromEntries(rows.map((r) => [r.file_id, r.directory_file_id]));
}

/** The files the index exported from a directory file that passes `filter` (LlamaCloud's static filter). */
export function filesExportedFrom(sql: Sql, filter: DirectoryFileFilter): Set<string> {
  const rows = sql.all<{ file_id: string; directory_file_id: string }>(`SELECT file_id, directory_file_id FROM sync_manifest`);
  return new Set(rows.filter((r) => matchesDirectoryFile(filter, r.directory_file_id)).map((r) => r.file_id));
}

/** Export progress of the index's files: how many are still processing, and which ended failed or cancelled. */
export function exportProgress(sql: Sql): { total: number; inProgress: number; failed: FailedExport[] } {
  const rows = sql.all<{ status: StoreFileStatus | null; filename: string | null; last_error_code: string | null; last_error_message: string | null }>(
    `SELECT f.status, f.filename, f.last_error_code, f.last_error_message FROM sync_manifest m LEFT JOIN files f ON f.file_id = m.file_id`,
  );
  return {
    total: rows.length,
    inProgress: rows.filter((r) => r.status === "in_progress").length,
    failed: rows
      .filter((r) => r.status === "failed" || r.status === "cancelled")
      .map((r) => ({ filename: r.filename ?? "", code: r.last_error_code ?? r.status, message: r.last_error_message })),
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The catalog's copy of the state (ISO-8601, like the LlamaCloud face). */
export function mirrorOf(state: SyncState): SyncMirror {
  return {
    status: state.status,
    error_message: state.error_message,
    last_synced_at: iso(state.last_synced_at),
    last_exported_at: iso(state.last_exported_at),
    updated_at: iso(state.heartbeat_at) ?? new Date().toISOString(),
  };
}
