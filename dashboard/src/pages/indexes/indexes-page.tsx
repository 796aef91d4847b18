// LlamaCloud indexes (route /indexes): every index with its sync status, refreshed while any syncs.
import type { LlamaIndex, TokenPage } from "../../api/search-types";
import { ErrorNotice } from "../../components/error-notice";
import { LoadMore } from "../../components/load-more";
import { StatusBadge } from "../../components/status-badge";
import { useAction, useLoad } from "../../hooks/use-load";
import { DEFAULT_POLL_MS, usePolling } from "../../hooks/use-polling";
import { href, pathOf } from "../../router";
import { useSession } from "../../session";
import "../../playground/playground.css";

/** Indexes per page of /api/v1/indexes. */
const PAGE_SIZE = 50;

/** The indexes list; create an index from its source directory's page. */
export function IndexesPage() {
  const { api } = useSession();
  const list = useLoad(() => api.get<TokenPage<LlamaIndex>>("/api/v1/indexes", { page_size: PAGE_SIZE }), [api]);
  const more = useAction();
  const rows = list.data?.items ?? [];
  // Only the first page is refreshed; pages loaded later keep their last status until Refresh.
  usePolling(!list.data?.next_page_token && rows.some((i) => i.metadata.status === "syncing"), async () => {
    await list.reload();
    // LlamaCloud sends no poll hint for an index; its syncing guide polls every second (DEFAULT_POLL_MS).
    return DEFAULT_POLL_MS;
  });
  const loadMore = () =>
    more.run(async () => {
      const next = await api.get<TokenPage<LlamaIndex>>("/api/v1/indexes", { page_size: PAGE_SIZE, page_token: list.data?.next_page_token ?? undefined });
      list.update((cur) => ({ items: [...cur.items, ...next.items], next_page_token: next.next_page_token }));
    });
  return (
    <>
      <h1>Indexes</h1>
      <p class="hint">
        An index syncs a <a href={href("/directories")}>directory</a> into a vector store. Create one from its directory's page.
      </p>
      <section class="card" aria-labelledby="indexes-heading">
        <h2 id="indexes-heading">Your indexes</h2>
        <button type="button" class="secondary" onClick={() => void list.reload()} disabled={list.loading}>
          Refresh
        </button>
        <ErrorNotice error={list.error} />
        <ErrorNotice error={more.error} onDismiss={more.clear} />
        {list.data && rows.length === 0 ? <p>No indexes yet.</p> : null}
        {rows.length > 0 ? (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Indexes</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Source directory</th>
                  <th scope="col">Sync frequency</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((i) => (
                  <tr key={i.id}>
                    <td class="name">
                      <a href={href(pathOf("indexes", i.id))}>{i.name ?? i.id}</a>
                    </td>
                    <td>
                      <StatusBadge status={i.metadata.status} />
                      {i.metadata.error_message ? <p class="error-message">{i.metadata.error_message}</p> : null}
                    </td>
                    <td>
                      <a href={href(pathOf("directories", i.source_directory_id))}>
                        <code>{i.source_directory_id}</code>
                      </a>
                    </td>
                    <td>{i.sync_frequency}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <LoadMore hasMore={!!list.data?.next_page_token} loading={more.busy} onMore={() => void loadMore()} label="Load more indexes" />
      </section>
    </>
  );
}
