// Vector stores: the list with status, file counts and usage; create, edit and delete.
import { Fragment } from "preact";
import { useState } from "preact/hooks";
import type { ListPage, VectorStore } from "../../api/types";
import { DataTable } from "../../components/data-table";
import { ErrorNotice } from "../../components/error-notice";
import { LiveStatus } from "../../components/live-status";
import { LoadMore } from "../../components/load-more";
import { StatusBadge } from "../../components/status-badge";
import { formatBytes, formatTime } from "../../format";
import { useFocusAfterRender } from "../../hooks/use-focus";
import { useAction, useLoad } from "../../hooks/use-load";
import { DEFAULT_POLL_MS, pollAfterMs, usePolling } from "../../hooks/use-polling";
import { href, pathOf } from "../../router";
import { useSession } from "../../session";
import { listAllFiles } from "./file-names";
import { StoreForm } from "./store-form";

const PAGE_SIZE = 50;

/** The Vector stores page (route /stores). */
export function StoresPage() {
  const { api } = useSession();
  const list = useLoad(() => api.get<ListPage<VectorStore>>("/v1/vector_stores", { limit: PAGE_SIZE }), [api]);
  const projectFiles = useLoad(() => listAllFiles(api), [api]);
  const action = useAction();
  const [editing, setEditing] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const [more, setMore] = useState(false);
  const focusAfterRender = useFocusAfterRender();
  /** Closes the edit form and puts focus back on the Edit button that opened it. */
  const closeEditor = (id: string) => {
    setEditing(null);
    focusAfterRender(`edit-${id}-button`);
  };
  const replace = (s: VectorStore) => list.update((cur) => ({ ...cur, data: cur.data.map((x) => (x.id === s.id ? s : x)) }));

  const processing = (list.data?.data ?? []).some((s) => s.status === "in_progress");
  /** Refreshes the first page (pages loaded beyond it stay); answers the poll delay while a store processes. */
  const poll = async (): Promise<number | null> => {
    const res = await api.call<ListPage<VectorStore>>("GET", "/v1/vector_stores", { query: { limit: PAGE_SIZE } });
    const page = res.body;
    list.update((cur) => ({ ...cur, has_more: cur.data.length > PAGE_SIZE ? cur.has_more : page.has_more, last_id: cur.data.length > PAGE_SIZE ? cur.last_id : page.last_id, data: [...page.data, ...cur.data.slice(PAGE_SIZE).filter((s) => !page.data.some((p) => p.id === s.id))] }));
    return page.data.some((s) => s.status === "in_progress") ? (pollAfterMs(res.headers) ?? DEFAULT_POLL_MS) : null;
  };
  usePolling(processing, poll);

  const remove = (s: VectorStore) =>
    action.run(async () => {
      if (!confirm(`Delete the vector store ${s.name ?? s.id}? Its files stay in Files.`)) return;
      await api.delete(`/v1/vector_stores/${encodeURIComponent(s.id)}`);
      list.update((cur) => ({ ...cur, data: cur.data.filter((x) => x.id !== s.id) }));
      setAnnounce(`Deleted ${s.name ?? s.id}`);
      focusAfterRender("stores-heading");
    });

  const loadMore = async () => {
    const last = list.data?.last_id;
    if (!last) return;
    setMore(true);
    await action.run(async () => {
      const next = await api.get<ListPage<VectorStore>>("/v1/vector_stores", { limit: PAGE_SIZE, after: last });
      list.update((cur) => ({ ...next, data: [...cur.data, ...next.data] }));
    });
    setMore(false);
  };

  return (
    <>
      <h1>Vector stores</h1>
      <section class="card" aria-labelledby="create-heading">
        <h2 id="create-heading">Create a vector store</h2>
        <ErrorNotice error={projectFiles.error} />
        <StoreForm
          store={null}
          files={projectFiles.data ?? []}
          onSaved={(s) => {
            list.update((cur) => ({ ...cur, data: [s, ...cur.data] }));
            setAnnounce(`Created ${s.name ?? s.id}`);
          }}
        />
      </section>
      <LiveStatus message={announce} />
      <section class="card" aria-labelledby="stores-heading">
        <h2 id="stores-heading" tabIndex={-1}>Stores</h2>
        <div class="toolbar">
          <button type="button" onClick={() => void list.reload()} disabled={list.loading}>
            Refresh
          </button>
          {processing ? <span class="hint" aria-live="polite">A store is processing… this list updates by itself.</span> : null}
        </div>
        <ErrorNotice error={list.error} />
        <ErrorNotice error={action.error} onDismiss={action.clear} />
        {list.loading && !list.data ? <p aria-busy="true">Loading…</p> : null}
        {list.data && list.data.data.length === 0 ? <p>No vector stores yet.</p> : null}
        {list.data && list.data.data.length > 0 ? (
          <DataTable caption="Vector stores" columns={["Name", "Status", "Files", "Usage", "Expires", "Actions"]}>
            {list.data.data.map((s) => (
              <Fragment key={s.id}>
                <tr>
                  <td data-label="Name" class="name">
                    <a href={href(pathOf("stores", s.id))}>{s.name || s.id}</a>
                    <div>
                      <code class="muted">{s.id}</code>
                    </div>
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={s.status} />
                  </td>
                  <td data-label="Files">
                    {s.file_counts.completed} of {s.file_counts.total} ready
                    {s.file_counts.in_progress ? `, ${s.file_counts.in_progress} processing` : ""}
                    {s.file_counts.failed ? `, ${s.file_counts.failed} failed` : ""}
                  </td>
                  <td data-label="Usage">{formatBytes(s.usage_bytes)}</td>
                  <td data-label="Expires">{s.expires_after ? `${s.expires_after.days} d idle (${formatTime(s.expires_at)})` : "never"}</td>
                  <td data-label="Actions" class="actions">
                    <button type="button" id={`edit-${s.id}-button`} class="secondary" aria-expanded={editing === s.id} onClick={() => setEditing(editing === s.id ? null : s.id)} aria-label={`Edit ${s.name || s.id}`}>
                      Edit
                    </button>
                    <button type="button" class="danger" onClick={() => void remove(s)} aria-label={`Delete ${s.name || s.id}`}>
                      Delete
                    </button>
                  </td>
                </tr>
                {editing === s.id ? (
                  <tr>
                    <td colSpan={6}>
                      <StoreForm
                        store={s}
                        onCancel={() => closeEditor(s.id)}
                        onSaved={(saved) => {
                          replace(saved);
                          closeEditor(s.id);
                          setAnnounce(`Saved ${saved.name ?? saved.id}`);
                        }}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </DataTable>
        ) : null}
        <LoadMore hasMore={!!list.data?.has_more} loading={more} onMore={() => void loadMore()} label="Load more stores" />
      </section>
    </>
  );
}
