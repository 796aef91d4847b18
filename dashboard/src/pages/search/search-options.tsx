// The search playground's queries (one to ten) and options: max_num_results, ranker, score_threshold, hybrid weights, rewrite_query.
import { RANKERS, type SearchForm } from "./search-request";

/** The API takes up to 10 query strings per search. */
const MAX_QUERIES = 10;

/** Edits the queries and options of `form`; `onChange` gets the whole new form. */
export function SearchOptions({ form, onChange }: { form: SearchForm; onChange: (next: SearchForm) => void }) {
  const set = (patch: Partial<SearchForm>) => onChange({ ...form, ...patch });
  const setQuery = (i: number, q: string) => set({ queries: form.queries.map((old, j) => (j === i ? q : old)) });
  return (
    <>
      <fieldset class="queries">
        <legend>Queries</legend>
        {form.queries.map((q, i) => (
          <div class="row query-row" key={i}>
            <label for={`query-${i}`} class={form.queries.length === 1 ? "visually-hidden" : undefined}>
              {form.queries.length === 1 ? "Query" : `Query ${i + 1}`}
            </label>
            <input id={`query-${i}`} type="search" class="query-input" value={q} onInput={(e) => setQuery(i, e.currentTarget.value)} />
            {form.queries.length > 1 ? (
              <button type="button" class="secondary" aria-label={`Remove query ${i + 1}`} onClick={() => set({ queries: form.queries.filter((_, j) => j !== i) })}>
                Remove
              </button>
            ) : null}
          </div>
        ))}
        <button type="button" class="secondary" disabled={form.queries.length >= MAX_QUERIES} onClick={() => set({ queries: [...form.queries, ""] })}>
          Add a query
        </button>
      </fieldset>
      <fieldset class="options">
        <legend>Options</legend>
        <div class="options-grid">
          <div class="field">
            <label for="max-results">max_num_results (files, 1–50)</label>
            <input id="max-results" type="number" min={1} max={50} value={form.maxNumResults} onInput={(e) => set({ maxNumResults: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="ranker">ranker</label>
            <select id="ranker" value={form.ranker} onChange={(e) => set({ ranker: RANKERS.find((r) => r === e.currentTarget.value) ?? "auto" })}>
              {RANKERS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="score-threshold">score_threshold (0–1, empty for none)</label>
            <input id="score-threshold" type="number" min={0} max={1} step={0.05} value={form.scoreThreshold} onInput={(e) => set({ scoreThreshold: e.currentTarget.value })} />
          </div>
        </div>
        <div class="check">
          <input id="hybrid" type="checkbox" checked={form.hybrid} onChange={(e) => set({ hybrid: e.currentTarget.checked })} />
          <label for="hybrid">Set hybrid weights (hybrid_search)</label>
        </div>
        {form.hybrid ? (
          <div class="options-grid">
            <div class="field">
              <label for="embedding-weight">embedding_weight</label>
              <input id="embedding-weight" type="number" min={0} step={0.1} value={form.embeddingWeight} onInput={(e) => set({ embeddingWeight: e.currentTarget.value })} />
            </div>
            <div class="field">
              <label for="text-weight">text_weight</label>
              <input id="text-weight" type="number" min={0} step={0.1} value={form.textWeight} onInput={(e) => set({ textWeight: e.currentTarget.value })} />
            </div>
          </div>
        ) : null}
        <div class="check">
          <input id="rewrite-query" type="checkbox" checked={form.rewriteQuery} onChange={(e) => set({ rewriteQuery: e.currentTarget.checked })} />
          <label for="rewrite-query">rewrite_query (the rewritten query is shown with the results)</label>
        </div>
      </fieldset>
    </>
  );
}
