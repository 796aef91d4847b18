// The search playground of one vector store (route /stores/:id/search): queries, filters, options, results and code.
import { useState } from "preact/hooks";
import type { SearchResultsPage } from "../../api/search-types";
import type { VectorStore } from "../../api/types";
import { ErrorNotice } from "../../components/error-notice";
import { LiveStatus } from "../../components/live-status";
import { useAction, useLoad } from "../../hooks/use-load";
import { useStoredState } from "../../hooks/use-stored-state";
import { href, pathOf } from "../../router";
import type { PageProps } from "../../page-props";
import { useSession } from "../../session";
import { CodePanel } from "./code-panel";
import { FilterBuilder } from "./filter-builder";
import { SearchOptions } from "./search-options";
import { SearchResults } from "./search-results";
import { buildSearchRequest, emptySearchForm, type SearchRequestBody } from "./search-request";
import "../../playground/playground.css";

function tryBuild(form: Parameters<typeof buildSearchRequest>[0]): { body: SearchRequestBody | null; problem: string | null } {
  try {
    return { body: buildSearchRequest(form), problem: null };
  } catch (e) {
    return { body: null, problem: e instanceof Error ? e.message : String(e) };
  }
}

/** The playground; the form is kept per store for this tab, so leaving the page or a failed search loses nothing. */
export function SearchPage({ params }: PageProps) {
  const { api } = useSession();
  const storeId = params.id ?? "";
  const storePath = `/v1/vector_stores/${encodeURIComponent(storeId)}`;
  const store = useLoad(() => api.get<VectorStore>(storePath), [api, storePath]);
  const [form, setForm] = useStoredState(`shelf.search.${storeId}`, emptySearchForm);
  const [result, setResult] = useState<{ page: SearchResultsPage; queries: string[] } | null>(null);
  // Set by a submit; the message then follows the form as it is fixed.
  const [submitted, setSubmitted] = useState(false);
  const [announce, setAnnounce] = useState("");
  const action = useAction();
  const built = tryBuild(form);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSubmitted(true);
    const body = built.body;
    if (!body) return;
    await action.run(async () => {
      const page = await api.post<SearchResultsPage>(`${storePath}/search`, body);
      setResult({ page, queries: typeof body.query === "string" ? [body.query] : body.query });
      setAnnounce(`${page.data.length} ${page.data.length === 1 ? "file" : "files"} found`);
    });
  };

  const name = store.data?.name ?? storeId;
  return (
    <>
      <p class="breadcrumb">
        <a href={href("/stores")}>Vector stores</a> › <a href={href(pathOf("stores", storeId))}>{name}</a>
      </p>
      <h1>Search {name}</h1>
      <ErrorNotice error={store.error} />
      <form class="card search-form" onSubmit={submit} noValidate>
        <SearchOptions form={form} onChange={setForm} />
        <FilterBuilder root={form.filter} onChange={(filter) => setForm((cur) => ({ ...cur, filter }))} />
        {submitted && built.problem ? (
          <p class="error" role="alert">
            {built.problem}
          </p>
        ) : null}
        <div class="row">
          <button type="submit" disabled={action.busy}>
            {action.busy ? "Searching…" : "Search"}
          </button>
          <button type="button" class="secondary" onClick={() => setForm(emptySearchForm())}>
            Reset the form
          </button>
        </div>
      </form>
      <ErrorNotice error={action.error} onDismiss={action.clear} />
      <LiveStatus message={announce} />
      {result ? <SearchResults page={result.page} queries={result.queries} /> : null}
      <CodePanel call={built.body ? { baseUrl: `${location.origin}/v1`, storeId, body: { ...built.body } } : null} problem={built.problem} />
    </>
  );
}
