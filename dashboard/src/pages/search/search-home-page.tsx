// The Search section (route /search): pick a vector store to open its playground.
import type { ListPage, VectorStore } from "../../api/types";
import { ErrorNotice } from "../../components/error-notice";
import { LoadMore } from "../../components/load-more";
import { useAction, useLoad } from "../../hooks/use-load";
import { href, pathOf } from "../../router";
import { useSession } from "../../session";

/** Stores per page (the API's maximum for lists). */
const PAGE_SIZE = 100;

/** Every vector store of the project, each a link to its search playground. */
export function SearchHomePage() {
  const { api } = useSession();
  const list = useLoad(() => api.get<ListPage<VectorStore>>("/v1/vector_stores", { limit: PAGE_SIZE }), [api]);
  const more = useAction();
  const loadMore = () =>
    more.run(async () => {
      const after = list.data?.last_id ?? undefined;
      const next = await api.get<ListPage<VectorStore>>("/v1/vector_stores", { limit: PAGE_SIZE, after });
      list.update((cur) => ({ ...next, data: [...cur.data, ...next.data] }));
    });
  const stores = list.data?.data ?? [];
  return (
    <>
      <h1>Search</h1>
      <p>Pick a vector store to try searches on it: queries, filters, ranking options, scores, and the request as code.</p>
      <ErrorNotice error={list.error} />
      <ErrorNotice error={more.error} onDismiss={more.clear} />
      {list.loading && !list.data ? <p aria-busy="true">Loading…</p> : null}
      {list.data && stores.length === 0 ? <p>No vector stores yet.</p> : null}
      <ul class="link-list" aria-label="Vector stores">
        {stores.map((s) => (
          <li key={s.id}>
            <a href={href(pathOf("stores", s.id, "search"))}>{s.name ?? s.id}</a> <code>{s.id}</code>
          </li>
        ))}
      </ul>
      <LoadMore hasMore={!!list.data?.has_more} loading={more.busy} onMore={() => void loadMore()} label="Load more stores" />
    </>
  );
}
