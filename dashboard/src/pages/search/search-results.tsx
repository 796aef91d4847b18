// The files a search returned: name, id, score bar, attributes and the best chunks with the query's terms marked.
import type { SearchResultsPage } from "../../api/search-types";
import { AttributeList } from "../../components/attribute-list";
import { HighlightedText } from "../../components/highlighted-text";
import { ScoreBar } from "../../components/score-bar";
import { queryTerms } from "../../playground/highlight";

/** `queries` are the query strings sent; the terms of them and of the rewritten `search_query` are highlighted. */
export function SearchResults({ page, queries }: { page: SearchResultsPage; queries: string[] }) {
  const terms = queryTerms([...queries, ...page.search_query]);
  return (
    <section class="card" aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      <p class="search-query">
        Searched for:{" "}
        {page.search_query.map((q, i) => (
          <q key={i} class="rewritten">
            {q}
          </q>
        ))}
      </p>
      {page.data.length === 0 ? <p>No file matched. Lower score_threshold, loosen the filter, or try other words.</p> : null}
      <ol class="results">
        {page.data.map((r) => (
          <li key={r.file_id} class="result">
            <div class="result-head">
              <span class="name result-name">{r.filename}</span>
              <code>{r.file_id}</code>
              <ScoreBar score={r.score} label={`Score of ${r.filename}`} />
            </div>
            <AttributeList attributes={r.attributes} label={`Attributes of ${r.filename}`} />
            {r.content.map((c, i) => (
              <p key={i} class="chunk-text">
                <HighlightedText text={c.text} terms={terms} />
              </p>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
