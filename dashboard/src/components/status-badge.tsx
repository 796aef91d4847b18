// A status word as a coloured badge; the word itself is the text, so colour is never the only cue.

/** Statuses of files, stores and batches (in_progress, completed, failed, cancelled, expired, …) and of LlamaCloud index syncs (syncing, ready, failed). */
export function StatusBadge({ status }: { status: string }) {
  const tone = status === "completed" || status === "processed" || status === "ready" ? "ok" : status === "failed" || status === "error" || status === "expired" ? "bad" : status === "in_progress" || status === "uploading" || status === "syncing" ? "busy" : "muted";
  return <span class={`badge badge-${tone}`}>{status.replace(/_/g, " ")}</span>;
}
