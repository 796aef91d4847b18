// One file batch with a live progress bar, polled as the API's `openai-poll-after-ms` says until it is done; cancel.
import { useState } from "preact/hooks";
import { asApiError, type ApiCallError } from "../../api/errors";
import type { FileBatch } from "../../api/types";
import { ErrorNotice } from "../../components/error-notice";
import { ProgressBar } from "../../components/progress-bar";
import { StatusBadge } from "../../components/status-badge";
import { pollAfterMs, usePolling } from "../../hooks/use-polling";
import { useSession } from "../../session";

/** `onSettled` runs once when the batch leaves in_progress (the page then reloads its files). */
export function BatchProgress({ initial, onSettled }: { initial: FileBatch; onSettled: () => void }) {
  const { api } = useSession();
  const [batch, setBatch] = useState(initial);
  const [error, setError] = useState<ApiCallError | null>(null);
  usePolling(batch.status === "in_progress", async () => {
    try {
      const res = await api.call<FileBatch>("GET", `/v1/vector_stores/${encodeURIComponent(batch.vector_store_id)}/file_batches/${encodeURIComponent(batch.id)}`);
      setBatch(res.body);
      setError(null);
      if (res.body.status !== "in_progress") {
        onSettled();
        return null;
      }
      return pollAfterMs(res.headers) ?? 1000;
    } catch (e) {
      setError(asApiError(e));
      return null;
    }
  });
  const cancel = async () => {
    try {
      setBatch(await api.post<FileBatch>(`/v1/vector_stores/${encodeURIComponent(batch.vector_store_id)}/file_batches/${encodeURIComponent(batch.id)}/cancel`));
      onSettled();
    } catch (e) {
      setError(asApiError(e));
    }
  };
  const c = batch.file_counts;
  const done = c.completed + c.failed + c.cancelled;
  return (
    <li class="batch">
      <div class="row">
        <code>{batch.id}</code>
        <StatusBadge status={batch.status} />
        <span>
          {done} of {c.total} processed ({c.completed} completed, {c.failed} failed, {c.cancelled} cancelled)
        </span>
        {batch.status === "in_progress" ? (
          <button type="button" class="danger" onClick={() => void cancel()} aria-label={`Cancel batch ${batch.id}`}>
            Cancel
          </button>
        ) : null}
      </div>
      <ProgressBar value={done} max={c.total} label={`Batch ${batch.id}`} />
      <ErrorNotice error={error} />
    </li>
  );
}
