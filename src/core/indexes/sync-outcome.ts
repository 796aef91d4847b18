// How a finished sync run is reported: `ready`, or `failed` with an error_message naming the files that did not export.
import type { FailedExport, SkippedFile } from "../store-object/sync-state";

/** A sync that has not finished after this long is failed (the ingest watchdog and dead-letter queue end every file sooner). */
export const SYNC_TIMEOUT_MS = 2 * 60 * 60 * 1000;
/**
 * A syncing run with no heartbeat for this long has stalled (its message was lost, or its steps keep failing): a
 * new sync supersedes it. A live run heartbeats at least every 5 s (checkDelaySeconds) while it waits for files,
 * and per batch of 100 files while it applies; the store object re-sends a silent run's step after 15 s.
 */
export const SYNC_STALL_MS = 30 * 1000;
/** Files named in error_message; the rest are counted. */
const NAMED_FAILURES = 5;

export interface SyncOutcome {
  status: "ready" | "failed";
  errorMessage: string | null;
}

/**
 * Files that could not be exported fail the run, so a client polling for `ready` | `failed` learns about them;
 * the files that did export stay searchable either way.
 */
export function syncOutcome(exported: number, failed: FailedExport[], skipped: SkippedFile[]): SyncOutcome {
  const problems = [
    ...skipped.map((s) => `${s.filename} (${s.reason})`),
    ...failed.map((f) => `${f.filename} (${f.code ?? "failed"}${f.message ? `: ${f.message}` : ""})`),
  ];
  if (problems.length === 0) return { status: "ready", errorMessage: null };
  const total = exported + skipped.length;
  const named = problems.slice(0, NAMED_FAILURES).join("; ");
  const more = problems.length > NAMED_FAILURES ? `; and ${problems.length - NAMED_FAILURES} more` : "";
  return { status: "failed", errorMessage: `${problems.length} of ${total} files could not be indexed: ${named}${more}.` };
}

export const SYNC_TIMED_OUT = "The sync did not finish within 2 hours; some files were still being processed.";

