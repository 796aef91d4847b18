// One LlamaCloud directory (route /directories/:id): its files, adding and uploading files, and its indexes.
import { useState } from "preact/hooks";
import type { Directory, DirectoryFile, TokenPage } from "../../api/search-types";
import { AttributeList } from "../../components/attribute-list";
import { ErrorNotice } from "../../components/error-notice";
import { LiveStatus } from "../../components/live-status";
import { LoadMore } from "../../components/load-more";
import { useAction, useLoad } from "../../hooks/use-load";
import { href } from "../../router";
import type { PageProps } from "../../page-props";
import { useSession } from "../../session";
import { AddFileForms } from "./add-file-forms";
import { DirectoryIndexes } from "./directory-indexes";
import "../../playground/playground.css";

/** Directory files per page. */
const PAGE_SIZE = 50;

/** The directory page. */
export function DirectoryPage({ params }: PageProps) {
  const { api } = useSession();
  const id = params.id ?? "";
  const base = `/api/v1/beta/directories/${encodeURIComponent(id)}`;
  const dir = useLoad(() => api.get<Directory>(base), [api, base]);
  const files = useLoad(() => api.get<TokenPage<DirectoryFile>>(`${base}/files`, { page_size: PAGE_SIZE }), [api, base]);
  const action = useAction();
  const [announce, setAnnounce] = useState("");

  const loadMore = () =>
    action.run(async () => {
      const next = await api.get<TokenPage<DirectoryFile>>(`${base}/files`, { page_size: PAGE_SIZE, page_token: files.data?.next_page_token ?? undefined });
      files.update((cur) => ({ items: [...cur.items, ...next.items], next_page_token: next.next_page_token }));
    });
  const remove = (f: DirectoryFile) =>
    action.run(async () => {
      if (!confirm(`Remove ${f.display_name} from this directory? The file itself stays.`)) return;
      await api.delete(`${base}/files/${encodeURIComponent(f.id)}`);
      files.update((cur) => ({ ...cur, items: cur.items.filter((r) => r.id !== f.id) }));
      setAnnounce(`Removed ${f.display_name}`);
    });
  const added = (f: DirectoryFile) => {
    files.update((cur) => ({ ...cur, items: [...cur.items.filter((r) => r.id !== f.id), f] }));
    setAnnounce(`Added ${f.display_name}`);
  };
  const rows = files.data?.items ?? [];

  return (
    <>
      <p class="breadcrumb">
        <a href={href("/directories")}>Directories</a>
      </p>
      <h1>{dir.data?.name ?? id}</h1>
      <ErrorNotice error={dir.error} />
      {dir.data?.description ? <p>{dir.data.description}</p> : null}
      <p class="muted">
        <code>{id}</code>
      </p>
      <AddFileForms directoryId={id} onAdded={added} />
      <LiveStatus message={announce} />
      <section class="card" aria-labelledby="dir-files-heading">
        <h2 id="dir-files-heading">Files</h2>
        <ErrorNotice error={files.error} />
        <ErrorNotice error={action.error} onDismiss={action.clear} />
        {files.data && rows.length === 0 ? <p>No files in this directory yet.</p> : null}
        {rows.length > 0 ? (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Files of the directory</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">File</th>
                  <th scope="col">Metadata</th>
                  <th scope="col">Updated</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((f) => (
                  <tr key={f.id}>
                    <td class="name">{f.display_name}</td>
                    <td>
                      <code>{f.file_id}</code>
                    </td>
                    <td>
                      <AttributeList attributes={f.metadata} label={`Metadata of ${f.display_name}`} />
                    </td>
                    <td>{new Date(f.updated_at).toLocaleString()}</td>
                    <td class="actions">
                      <button type="button" class="danger" onClick={() => void remove(f)} aria-label={`Remove ${f.display_name}`}>
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <LoadMore hasMore={!!files.data?.next_page_token} loading={action.busy} onMore={() => void loadMore()} label="Load more files" />
      </section>
      <DirectoryIndexes directoryId={id} />
    </>
  );
}
