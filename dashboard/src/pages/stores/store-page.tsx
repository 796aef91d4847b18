// One vector store: its summary, attach (single file or batch), live batches, and its files with status and errors.
import { useState } from "preact/hooks";
import type { FileBatch, ListPage, VectorStore, VectorStoreFile } from "../../api/types";
import { ErrorNotice } from "../../components/error-notice";
import { LiveStatus } from "../../components/live-status";
import { LoadMore } from "../../components/load-more";
import { StatusBadge } from "../../components/status-badge";
import { formatBytes, formatTime } from "../../format";
import { useFocusAfterRender } from "../../hooks/use-focus";
import { useAction, useLoad } from "../../hooks/use-load";
import { DEFAULT_POLL_MS, pollAfterMs, usePolling } from "../../hooks/use-polling";
import { href, pathOf } from "../../router";
import type { PageProps } from "../../page-props";
import { useSession } from "../../session";
import { AttachForm } from "./attach-form";
import { BatchProgress } from "./batch-progress";
import { listAllFiles } from "./file-names";
import { StoreFiles } from "./store-files";

/** Store files per page (the list endpoint's maximum). */
const FILES_PAGE = 100;

/** The page of one store (route /stores/:id). */
export function StorePage({ params }: PageProps) {
  const id = params.id!;
  const { api } = useSession();
  const base = `/v1/vector_stores/${encodeURIComponent(id)}`;
  const store = useLoad(() => api.get<VectorStore>(base), [api, id]);
  const [status, setStatus] = useState("");
  const files = useLoad(() => api.get<ListPage<VectorStoreFile>>(`${base}/files`, { limit: FILES_PAGE, filter: status }), [api, id, status]);
  const project = useLoad(() => listAllFiles(api), [api]);
  const action = useAction();
  const [batches, setBatches] = useState<FileBatch[]>([]);
  const [announce, setAnnounce] = useState("");
  const [more, setMore] = useState(false);
  const focusAfterRender = useFocusAfterRender();

  const names = new Map((project.data ?? []).map((f) => [f.id, f.filename]));
  const inStore = new Set((files.data?.data ?? []).map((f) => f.id));
  const candidates = (project.data ?? []).filter((f) => !inStore.has(f.id));
  const processing = store.data?.status === "in_progress" || (files.data?.data ?? []).some((f) => f.status === "in_progress");

  /** Refreshes the store and its first page of files; answers the store's poll delay while it processes. */
  const refresh = async (): Promise<number | null> => {
    const res = await api.call<VectorStore>("GET", base);
    store.update(() => res.body);
    const page = await api.get<ListPage<VectorStoreFile>>(`${base}/files`, { limit: FILES_PAGE, filter: status });
    // Pages loaded beyond the first stay (minus files the fresh first page now holds).
    files.update((cur) => (cur.data.length > FILES_PAGE ? { ...cur, data: [...page.data, ...cur.data.slice(FILES_PAGE).filter((f) => !page.data.some((p) => p.id === f.id))] } : page));
    return res.body.status === "in_progress" || page.data.some((f) => f.status === "in_progress") ? (pollAfterMs(res.headers) ?? DEFAULT_POLL_MS) : null;
  };
  usePolling(processing, refresh);

  const detach = (f: VectorStoreFile, label: string) =>
    action.run(async () => {
      if (!confirm(`Detach ${label} from this store? The file stays in Files.`)) return;
      await api.delete(`${base}/files/${encodeURIComponent(f.id)}`);
      files.update((cur) => ({ ...cur, data: cur.data.filter((x) => x.id !== f.id) }));
      setAnnounce(`Detached ${label}`);
      focusAfterRender("store-files-heading");
      await refresh();
    });

  const loadMore = async () => {
    const last = files.data?.last_id;
    if (!last) return;
    setMore(true);
    await action.run(async () => {
      const next = await api.get<ListPage<VectorStoreFile>>(`${base}/files`, { limit: FILES_PAGE, filter: status, after: last });
      files.update((cur) => ({ ...next, data: [...cur.data, ...next.data] }));
    });
    setMore(false);
  };

  const s = store.data;
  if (!s && store.error) {
    // No such store (or it cannot be read): the error alone, not forms for a store that is not there.
    return (
      <>
        <p>
          <a href={href("/stores")}>← Vector stores</a>
        </p>
        <h1>Vector store {id}</h1>
        <ErrorNotice error={store.error} />
      </>
    );
  }
  return (
    <>
      <p>
        <a href={href("/stores")}>← Vector stores</a>
      </p>
      <h1>{s ? s.name || s.id : "Vector store"}</h1>
      <p>
        <a href={href(pathOf("stores", id, "search"))}>Search this store</a>
      </p>
      <ErrorNotice error={store.error} />
      {s ? (
        <section class="card" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Summary</h2>
          <dl class="facts">
            <dt>ID</dt>
            <dd>
              <code>{s.id}</code>
            </dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={s.status} />
            </dd>
            <dt>Files</dt>
            <dd>
              {s.file_counts.completed} completed, {s.file_counts.in_progress} in progress, {s.file_counts.failed} failed, {s.file_counts.cancelled} cancelled ({s.file_counts.total} total)
            </dd>
            <dt>Usage</dt>
            <dd>{formatBytes(s.usage_bytes)}</dd>
            <dt>Last active</dt>
            <dd>{formatTime(s.last_active_at)}</dd>
            <dt>Expires</dt>
            <dd>{s.expires_after ? `after ${s.expires_after.days} days idle (${formatTime(s.expires_at)})` : "never"}</dd>
          </dl>
        </section>
      ) : null}
      <div class="grid">
        <section class="card" aria-labelledby="attach-heading">
          <h2 id="attach-heading">Attach files</h2>
          <ErrorNotice error={project.error} />
          <AttachForm
            storeId={id}
            files={candidates}
            onAttached={(a) => {
              if (a.kind === "batch") {
                setBatches((all) => [a.batch, ...all]);
                setAnnounce(`Batch ${a.batch.id} started with ${a.batch.file_counts.total} files`);
              } else {
                files.update((cur) => ({ ...cur, data: [a.file, ...cur.data.filter((f) => f.id !== a.file.id)] }));
                setAnnounce(`Attached ${names.get(a.file.id) ?? a.file.id}`);
              }
              void refresh();
            }}
          />
        </section>
        <section class="card" aria-labelledby="batches-heading">
          <h2 id="batches-heading">Batches</h2>
          {batches.length === 0 ? <p class="hint">Batches you start here show their progress live.</p> : null}
          <ul class="batches">
            {batches.map((b) => (
              <BatchProgress key={b.id} initial={b} onSettled={() => void refresh()} />
            ))}
          </ul>
        </section>
      </div>
      <LiveStatus message={announce} />
      <section class="card" aria-labelledby="store-files-heading">
        <h2 id="store-files-heading" tabIndex={-1}>Files in this store</h2>
        <div class="toolbar">
          <label for="status-filter">Show</label>
          <select id="status-filter" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">all files</option>
            <option value="in_progress">in progress</option>
            <option value="completed">completed</option>
            <option value="failed">failed</option>
            <option value="cancelled">cancelled</option>
          </select>
        </div>
        <ErrorNotice error={files.error} />
        <ErrorNotice error={action.error} onDismiss={action.clear} />
        {processing ? <p class="hint" aria-live="polite">Processing… this list updates by itself.</p> : null}
        {files.data ? (
          <StoreFiles
            files={files.data.data}
            names={names}
            emptyText={status ? `No ${status.replace("_", " ")} files.` : "No files in this store yet: attach some above."}
            onDetach={(f, label) => void detach(f, label)}
            onUpdated={(f) => {
              files.update((cur) => ({ ...cur, data: cur.data.map((x) => (x.id === f.id ? f : x)) }));
              setAnnounce(`Saved attributes of ${names.get(f.id) ?? f.id}`);
            }}
          />
        ) : (
          <p aria-busy="true">Loading…</p>
        )}
        <LoadMore hasMore={!!files.data?.has_more} loading={more} onMore={() => void loadMore()} label="Load more files" />
      </section>
    </>
  );
}
