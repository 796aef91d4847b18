// LlamaCloud directories (route /directories): create one, and the list with links to each directory's files.
import { useState } from "preact/hooks";
import type { Directory, TokenPage } from "../../api/search-types";
import { ErrorNotice } from "../../components/error-notice";
import { LiveStatus } from "../../components/live-status";
import { LoadMore } from "../../components/load-more";
import { useAction, useLoad } from "../../hooks/use-load";
import { href, pathOf } from "../../router";
import { useSession } from "../../session";
import "../../playground/playground.css";

/** Directories per page of /api/v1/beta/directories. */
const PAGE_SIZE = 50;
const PATH = "/api/v1/beta/directories";

/** The directories page; a failed create keeps the typed name and description. */
export function DirectoriesPage() {
  const { api } = useSession();
  const list = useLoad(() => api.get<TokenPage<Directory>>(PATH, { page_size: PAGE_SIZE }), [api]);
  const create = useAction();
  const more = useAction();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [announce, setAnnounce] = useState("");

  const submit = async (e: Event) => {
    e.preventDefault();
    await create.run(async () => {
      const dir = await api.post<Directory>(PATH, { name, description: description.trim() === "" ? null : description });
      list.update((cur) => ({ ...cur, items: [...cur.items, dir] }));
      setName("");
      setDescription("");
      setAnnounce(`Created directory ${dir.name}`);
    });
  };
  const loadMore = () =>
    more.run(async () => {
      const next = await api.get<TokenPage<Directory>>(PATH, { page_size: PAGE_SIZE, page_token: list.data?.next_page_token ?? undefined });
      list.update((cur) => ({ items: [...cur.items, ...next.items], next_page_token: next.next_page_token }));
    });
  const dirs = list.data?.items ?? [];

  return (
    <>
      <h1>Directories</h1>
      <p class="hint">LlamaCloud directories hold files; an index syncs a directory into a searchable vector store.</p>
      <form class="card" onSubmit={submit}>
        <h2>New directory</h2>
        <div class="field">
          <label for="dir-name">Name</label>
          <input id="dir-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="dir-description">Description (optional)</label>
          <input id="dir-description" value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        </div>
        <button type="submit" disabled={create.busy || name.trim() === ""}>
          {create.busy ? "Creating…" : "Create directory"}
        </button>
        <ErrorNotice error={create.error} onDismiss={create.clear} />
      </form>
      <LiveStatus message={announce} />
      <section class="card" aria-labelledby="dirs-heading">
        <h2 id="dirs-heading">Your directories</h2>
        <ErrorNotice error={list.error} />
        <ErrorNotice error={more.error} onDismiss={more.clear} />
        {list.loading && !list.data ? <p aria-busy="true">Loading…</p> : null}
        {list.data && dirs.length === 0 ? <p>No directories yet.</p> : null}
        {dirs.length > 0 ? (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Directories</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">ID</th>
                  <th scope="col">Type</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {dirs.map((d) => (
                  <tr key={d.id}>
                    <td class="name">
                      <a href={href(pathOf("directories", d.id))}>{d.name}</a>
                    </td>
                    <td>
                      <code>{d.id}</code>
                    </td>
                    <td>{d.type}</td>
                    <td>{new Date(d.created_at).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <LoadMore hasMore={!!list.data?.next_page_token} loading={more.busy} onMore={() => void loadMore()} label="Load more directories" />
      </section>
    </>
  );
}
