// file_counts, usage_bytes and status, always computed by SQL over the object's rows (never running counters).
import type { FileCounts, StoreSummary } from "../../core/store-object/summary";
import type { Sql } from "./sql";
import { expiresAt, type StoreMeta } from "./meta";

export function countFiles(sql: Sql, where = "", ...binds: string[]): FileCounts {
  const rows = sql.all<{ status: string; n: number }>(`SELECT status, COUNT(*) AS n FROM files ${where} GROUP BY status`, ...binds);
  const counts: FileCounts = { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 };
  for (const r of rows) {
    if (r.status in counts) counts[r.status as keyof FileCounts] = r.n;
    counts.total += r.n;
  }
  return counts;
}

export function summarize(sql: Sql, meta: StoreMeta): StoreSummary {
  const file_counts = countFiles(sql);
  const usage = sql.all<{ u: number | null }>(`SELECT SUM(usage_bytes) AS u FROM files WHERE status = 'completed'`)[0]?.u ?? 0;
  const status = meta.expired ? "expired" : file_counts.in_progress > 0 ? "in_progress" : "completed";
  return { file_counts, usage_bytes: usage, status, last_active_at: meta.lastActiveAt, expires_at: expiresAt(meta) };
}
