// An index's sync state: status badge, the failure message, run number and times, and the sync button (409 = running).
import { useEffect, useState } from "preact/hooks";
import type { ApiCallError } from "../../api/errors";
import type { LlamaIndex } from "../../api/search-types";
import { ErrorNotice } from "../../components/error-notice";
import { StatusBadge } from "../../components/status-badge";
import { useAction } from "../../hooks/use-load";
import { useSession } from "../../session";

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : "—");

/** `onSynced` gets the index the sync call answered (status syncing), or is asked to reload after a 409. */
export function IndexStatus({ index, onSynced, onConflict }: { index: LlamaIndex; onSynced: (i: LlamaIndex) => void; onConflict: () => void }) {
  const { api } = useSession();
  const sync = useAction();
  const [running, setRunning] = useState(false);
  const [conflict, setConflict] = useState<ApiCallError | null>(null);
  const status = index.metadata.status;
  // The 409 said "running": once the index is no longer syncing, that is no longer true.
  useEffect(() => {
    if (status !== "syncing") setConflict(null);
  }, [status]);

  const start = async () => {
    setConflict(null);
    setRunning(true);
    await sync.run(async () => {
      try {
        onSynced(await api.post<LlamaIndex>(`/api/v1/indexes/${encodeURIComponent(index.id)}/sync`));
      } catch (e) {
        // A sync while one runs is 409: not a failure of the index, so it is shown as the state it is.
        if ((e as ApiCallError).status === 409) {
          setConflict(e as ApiCallError);
          onConflict();
          return;
        }
        throw e;
      }
    });
    setRunning(false);
  };

  return (
    <section class="card" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync</h2>
      <p class="row" role="status" aria-live="polite">
        Status: <StatusBadge status={status} />
        {status === "syncing" ? <span class="muted">refreshing every second…</span> : null}
      </p>
      {index.metadata.error_message ? (
        <div class="error index-error">
          <p class="error-message">{index.metadata.error_message}</p>
        </div>
      ) : null}
      <dl class="facts">
        <dt>Sync frequency</dt>
        <dd>{index.sync_frequency}</dd>
        {index.metadata.sync_run !== undefined ? (
          <>
            <dt>Run</dt>
            <dd>{index.metadata.sync_run}</dd>
          </>
        ) : null}
        <dt>Last synced</dt>
        <dd>{when(index.last_synced_at)}</dd>
        {index.metadata.next_scheduled_sync_at ? (
          <>
            <dt>Next scheduled sync</dt>
            <dd>{when(index.metadata.next_scheduled_sync_at)}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <button type="button" onClick={() => void start()} disabled={running}>
          {running ? "Starting…" : "Sync now"}
        </button>
      </p>
      {conflict ? (
        <p class="notice" role="status">
          A sync is running: this one was not started. It finishes by itself; sync again afterwards for newer changes.
          {conflict.requestId ? (
            <span class="muted">
              {" "}(request id <code class="request-id">{conflict.requestId}</code>)
            </span>
          ) : null}
        </p>
      ) : null}
      <ErrorNotice error={sync.error} onDismiss={sync.clear} />
    </section>
  );
}
