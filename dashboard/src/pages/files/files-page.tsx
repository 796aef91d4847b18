// Files: upload by drag and drop, a cursor-paged list with a name filter, download and delete.
import { useState } from "preact/hooks";
import type { FileObject, ListPage } from "../../api/types";
import { DataTable } from "../../components/data-table";
import { ErrorNotice } from "../../components/error-notice";
import { LiveStatus } from "../../components/live-status";
import { LoadMore } from "../../components/load-more";
import { useFocusAfterRender } from "../../hooks/use-focus";
import { useAction, useLoad } from "../../hooks/use-load";
import { formatBytes, formatTime } from "../../format";
import { useSession } from "../../session";
import { saveBlob } from "./save-blob";
import { UploadZone } from "./upload-zone";

/** Files per page of /v1/files. */
const PAGE_SIZE = 50;

/** The Files page (route /files). */
export function FilesPage() {
  const { api } = useSession();
  const [filter, setFilter] = useState("");
  const [announce, setAnnounce] = useState("");
  const action = useAction();
  const list = useLoad(() => api.get<ListPage<FileObject>>("/v1/files", { limit: PAGE_SIZE, order: "desc" }), [api]);
  const [more, setMore] = useState(false);
  const focusAfterRender = useFocusAfterRender();

  const rows = list.data?.data ?? [];
  const needle = filter.trim().toLowerCase();
  const shown = needle ? rows.filter((f) => f.filename.toLowerCase().includes(needle)) : rows;

  const loadMore = async () => {
    const page = list.data;
    if (!page?.last_id) return;
    setMore(true);
    await action.run(async () => {
      const next = await api.get<ListPage<FileObject>>("/v1/files", { limit: PAGE_SIZE, order: "desc", after: page.last_id ?? undefined });
      list.update((cur) => ({ ...next, data: [...cur.data, ...next.data] }));
    });
    setMore(false);
  };

  const remove = (f: FileObject) =>
    action.run(async () => {
      if (!confirm(`Delete ${f.filename}? It is also removed from every vector store.`)) return;
      await api.delete(`/v1/files/${encodeURIComponent(f.id)}`);
      list.update((cur) => ({ ...cur, data: cur.data.filter((r) => r.id !== f.id) }));
      setAnnounce(`Deleted ${f.filename}`);
      focusAfterRender("files-heading");
    });

  const download = (f: FileObject) =>
    action.run(async () => {
      saveBlob(await api.download(`/v1/files/${encodeURIComponent(f.id)}/content`), f.filename);
    });

  return (
    <>
      <h1>Files</h1>
      <UploadZone
        onAnnounce={setAnnounce}
        onUploaded={(f) => {
          list.update((cur) => ({ ...cur, data: [f, ...cur.data.filter((r) => r.id !== f.id)] }));
        }}
      />
      <LiveStatus message={announce} />
      <section aria-labelledby="files-heading" class="card">
        <h2 id="files-heading" tabIndex={-1}>Your files</h2>
        <div class="toolbar">
          <label for="file-filter">Filter by name</label>
          <input id="file-filter" type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
          <button type="button" onClick={() => void list.reload()} disabled={list.loading}>
            Refresh
          </button>
        </div>
        <ErrorNotice error={list.error} />
        <ErrorNotice error={action.error} onDismiss={action.clear} />
        {list.loading && !list.data ? <p aria-busy="true">Loading…</p> : null}
        {list.data && shown.length === 0 ? <p>{needle ? "No loaded file matches the filter." : "No files yet: upload some above."}</p> : null}
        {shown.length > 0 ? (
          <DataTable caption={`Files${needle ? ` matching “${filter}”` : ""}`} columns={["Name", "ID", "Size", "Created", "Actions"]}>
            {shown.map((f) => (
              <tr key={f.id}>
                <td data-label="Name" class="name">{f.filename}</td>
                <td data-label="ID">
                  <code>{f.id}</code>
                </td>
                <td data-label="Size">{formatBytes(f.bytes)}</td>
                <td data-label="Created">{formatTime(f.created_at)}</td>
                <td data-label="Actions" class="actions">
                  <button type="button" onClick={() => void download(f)} aria-label={`Download ${f.filename}`}>
                    Download
                  </button>
                  <button type="button" class="danger" onClick={() => void remove(f)} aria-label={`Delete ${f.filename}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        {needle && list.data?.has_more ? <p class="hint">The filter applies to the files loaded so far; load more to search further.</p> : null}
        <LoadMore hasMore={!!list.data?.has_more} loading={more} onMore={() => void loadMore()} label="Load more files" />
      </section>
    </>
  );
}
