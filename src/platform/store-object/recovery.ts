// Lost queue messages (the local queue lives in memory, so a dev restart drops them): the store object notices
// that its work went quiet and re-sends it. Pure functions over the object's `meta` and `sync_state`; the alarm sends.
import { ingestFileMessage, syncIndexMessage, type IngestFileMessage, type QueueMessage, type SyncIndexMessage } from "../../core/ingestion/messages";
import type { Sql } from "./sql";
import * as syncTable from "./sync-table";

/**
 * Quiet time before work is re-sent: 15 s, so work lost in a restart resumes within 30 s of the server answering
 * (the alarm is stored with the object and fires on start). It doubles after each re-send that brings no activity
 * (15, 30, 60, 120 s), capped at the per-file watchdog's 180 s, so a slow queue in production costs at most a few
 * duplicate messages — which claim and checkpoint checks drop.
 */
export const QUIET_MS = 15_000;
export const QUIET_MAX_MS = 180_000;
/** The alarm never books a recovery wake-up sooner than this, so a failing re-send cannot spin. */
export const MIN_WAKE_MS = 1_000;
/** Files re-sent per wake: 50 sendBatch calls (Paid allows 10,000 subrequests per invocation), 1 s of a queue's 5,000 msg/s. */
const RESEND_LIMIT = 5_000;
/** Queues: sendBatch takes ≤ 100 messages (and ≤ 256 KB; an ingest message is ~150 B). */
const SEND_BATCH = 100;

/** The quiet window after `resends` re-sends without activity, in ms. */
export function quietWindowMs(resends: number): number {
  return Math.min(QUIET_MAX_MS, QUIET_MS * 2 ** resends);
}

// --- files: store-level ingest activity (meta keys `ingestWatchFrom`, `ingestResends`) ---------------------------

/** Ingest activity (an attach that sends messages, a claimed or written slice, a failed file): the window restarts at 15 s. */
export function noteIngestActivity(sql: Sql, nowMs: number): void {
  writeNumbers(sql, { ingestWatchFrom: nowMs, ingestResends: 0 });
}

/** When the store's in-progress files count as stalled (epoch ms); null when none is in progress. */
export function ingestDueAt(sql: Sql, nowMs: number): number | null {
  if (sql.all(`SELECT 1 FROM files WHERE status = 'in_progress' LIMIT 1`).length === 0) return null;
  const watch = readNumbers(sql, ["ingestWatchFrom", "ingestResends"]);
  // Stores from before this key existed start watching now.
  return (watch.ingestWatchFrom ?? nowMs) + quietWindowMs(watch.ingestResends ?? 0);
}

/**
 * If the store's ingestion went quiet for its window, records a re-send (the next window doubles; the files'
 * `updated_at` moves, so the per-file watchdog does not send them again) and answers the ingest message of every
 * in-progress file (oldest first, at most RESEND_LIMIT). Otherwise answers [].
 */
export function takeQuietIngest(sql: Sql, storeId: string, nowMs: number): IngestFileMessage[] {
  const due = ingestDueAt(sql, nowMs);
  if (due === null || due > nowMs) return [];
  const files = sql.all<{ file_id: string; generation: number }>(
    `SELECT file_id, generation FROM files WHERE status = 'in_progress' ORDER BY updated_at, file_id LIMIT ?`,
    RESEND_LIMIT,
  );
  const resends = readNumbers(sql, ["ingestResends"]).ingestResends ?? 0;
  writeNumbers(sql, { ingestWatchFrom: nowMs, ingestResends: resends + 1 });
  const seconds = Math.floor(nowMs / 1000);
  for (const f of files) sql.run(`UPDATE files SET updated_at = ? WHERE file_id = ?`, seconds, f.file_id);
  return files.map((f) => ingestFileMessage(storeId, f.file_id, f.generation));
}

// --- index syncs: `sync_state.heartbeat_at`, `lease`, `lease_at`, `resends` ---------------------------------------

/** When a syncing run counts as silent (epoch ms); null when no run is syncing. */
export function syncDueAt(sql: Sql): number | null {
  const state = syncTable.readState(sql);
  if (!state || state.status !== "syncing") return null;
  return Math.max(state.heartbeat_at, state.lease_at ?? 0) + quietWindowMs(state.resends);
}

/**
 * If the syncing run has been silent for its window, moves it to the next lease (its older messages go stale, so
 * there is one live chain) and answers the step message to send under it. Otherwise null.
 */
export function takeSilentSync(sql: Sql, storeId: string, nowMs: number): SyncIndexMessage | null {
  const due = syncDueAt(sql);
  if (due === null || due > nowMs) return null;
  const state = syncTable.readState(sql)!;
  const lease = syncTable.nextLease(sql, nowMs);
  return syncIndexMessage(state.index_id, storeId, state.run, lease);
}

/** Sends messages in sendBatch calls of at most SEND_BATCH. */
export async function sendAll(queue: Queue, messages: QueueMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += SEND_BATCH) await queue.sendBatch(messages.slice(i, i + SEND_BATCH).map((body) => ({ body })));
}

type WatchKey = "ingestWatchFrom" | "ingestResends";

function readNumbers(sql: Sql, keys: WatchKey[]): Partial<Record<WatchKey, number>> {
  const rows = sql.all<{ key: WatchKey; value: string }>(`SELECT key, value FROM meta WHERE key IN (SELECT value FROM json_each(?))`, JSON.stringify(keys));
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.value)]));
}

function writeNumbers(sql: Sql, values: Partial<Record<WatchKey, number>>): void {
  for (const [key, value] of Object.entries(values)) sql.run(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`, key, String(value));
}
