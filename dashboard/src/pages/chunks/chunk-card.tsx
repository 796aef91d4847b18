// One chunk: its index, character offsets, token count, page range, and its text (as text, never as HTML).
import type { ContentChunk } from "../../api/types";

/** Pages as "p. 3" / "pp. 3–4", or null when the format has no pages. */
function pages(c: ContentChunk): string | null {
  if (c.page_range_start === null) return null;
  return c.page_range_end !== null && c.page_range_end !== c.page_range_start ? `pp. ${c.page_range_start}–${c.page_range_end}` : `p. ${c.page_range_start}`;
}

/** A chunk as an article labelled by its index. */
export function ChunkCard({ chunk }: { chunk: ContentChunk }) {
  const p = pages(chunk);
  return (
    <article class="chunk" id={`chunk-${chunk.chunk_index}`} aria-labelledby={`chunk-${chunk.chunk_index}-title`}>
      <header>
        <strong id={`chunk-${chunk.chunk_index}-title`}>Chunk {chunk.chunk_index}</strong>
        <span class="chunk-chars">
          characters {chunk.chunk_start_char}–{chunk.chunk_end_char}
        </span>
        <span class="chunk-tokens">{chunk.chunk_token_count} tokens</span>
        {p ? <span class="chunk-pages">{p}</span> : null}
      </header>
      <pre>{chunk.text}</pre>
    </article>
  );
}
