// A bar over the whole parsed text showing where each chunk lies (offsets proportional to character positions).
import type { ContentChunk } from "../../api/types";

/** `length` is the parsed text's length in characters; each chunk is a link to its card (id `chunk-<index>`). */
export function ChunkMap({ chunks, length }: { chunks: ContentChunk[]; length: number }) {
  if (length <= 0 || chunks.length === 0) return null;
  return (
    <svg class="chunk-map" viewBox={`0 0 ${length} 10`} preserveAspectRatio="none" role="img" aria-label={`${chunks.length} chunks over ${length} characters`}>
      {chunks.map((c) => (
        <rect key={c.chunk_index} x={c.chunk_start_char} y={c.chunk_index % 2 ? 5 : 0} width={Math.max(1, c.chunk_end_char - c.chunk_start_char)} height={5} class={c.chunk_index % 2 ? "odd" : "even"}>
          <title>{`Chunk ${c.chunk_index}: characters ${c.chunk_start_char}–${c.chunk_end_char}`}</title>
        </rect>
      ))}
    </svg>
  );
}
