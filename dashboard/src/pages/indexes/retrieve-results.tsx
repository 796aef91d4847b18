// Retrieved chunks: file, score bar (and rerank score), metadata, static fields (chunk, offsets, tokens, pages), text.
import type { RetrieveResult } from "../../api/search-types";
import { AttributeList } from "../../components/attribute-list";
import { HighlightedText } from "../../components/highlighted-text";
import { ScoreBar } from "../../components/score-bar";
import { queryTerms } from "../../playground/highlight";

function pages(s: RetrieveResult["static_fields"]): string {
  if (s.page_range_start === null) return "—";
  return s.page_range_end === null || s.page_range_end === s.page_range_start ? String(s.page_range_start) : `${s.page_range_start}–${s.page_range_end}`;
}

/** The chunks in the API's order, with the terms of `query` highlighted. */
export function RetrieveResults({ results, query }: { results: RetrieveResult[]; query: string }) {
  const terms = queryTerms([query]);
  return (
    <section class="card" aria-labelledby="retrieved-heading">
      <h2 id="retrieved-heading">Retrieved chunks</h2>
      {results.length === 0 ? <p>No chunk matched.</p> : null}
      <ol class="results">
        {results.map((r) => {
          const { file_id, file_name, ...metadata } = r.metadata;
          const s = r.static_fields;
          return (
            <li key={`${file_id}:${s.chunk_index}`} class="result">
              <div class="result-head">
                <span class="name result-name">{file_name}</span>
                <code>{file_id}</code>
                <ScoreBar score={r.score} label={`Score of chunk ${s.chunk_index} of ${file_name}`} />
                {r.rerank_score !== null ? <span class="muted">rerank_score {r.rerank_score.toFixed(3)}</span> : null}
              </div>
              <dl class="attributes static-fields" aria-label={`Static fields of chunk ${s.chunk_index} of ${file_name}`}>
                <div class="attribute">
                  <dt>chunk</dt>
                  <dd>{s.chunk_index}</dd>
                </div>
                <div class="attribute">
                  <dt>characters</dt>
                  <dd>
                    {s.chunk_start_char}–{s.chunk_end_char}
                  </dd>
                </div>
                <div class="attribute">
                  <dt>tokens</dt>
                  <dd>{s.chunk_token_count}</dd>
                </div>
                <div class="attribute">
                  <dt>pages</dt>
                  <dd>{pages(s)}</dd>
                </div>
                {s.parsed_directory_file_id ? (
                  <div class="attribute">
                    <dt>directory file</dt>
                    <dd>
                      <code>{s.parsed_directory_file_id}</code>
                    </dd>
                  </div>
                ) : null}
              </dl>
              <AttributeList attributes={metadata} label={`Metadata of ${file_name}`} />
              <p class="chunk-text">
                <HighlightedText text={r.content} terms={terms} />
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
