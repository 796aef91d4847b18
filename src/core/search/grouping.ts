// Ranked chunks → one search result per file, as OpenAI's vector store search returns them.

export interface RankedChunk {
  chunkId: number;
  fileId: string;
  /** Final score in [0, 1], higher is better. */
  score: number;
  text: string;
}

export interface FileResult {
  fileId: string;
  /** The file's best chunk score: files rank by their single best match, not by how many chunks matched. */
  score: number;
  /** The file's best chunks, best first: what the wire result's `content` holds. */
  chunks: Array<{ chunkId: number; score: number; text: string }>;
}

export interface GroupOptions {
  /** `max_num_results`: how many FILE results to return (1..50). */
  maxResults: number;
  /** Chunks kept per file; bounds a response at maxResults × this many chunks. */
  maxChunksPerFile?: number;
}

/** Three chunks of 800 tokens give a reader context around the best match without one file flooding the answer. */
export const DEFAULT_CHUNKS_PER_FILE = 3;

/**
 * Groups chunks by file. Decision (OPENAI-API-NOTES §5): a result is a file with its matching chunks in `content`,
 * so `max_num_results` caps the number of files (`data.length`), not chunks; each file carries up to
 * maxChunksPerFile of its best chunks. Files are ordered by best chunk score, ties by that chunk's id; chunks by
 * score then chunk id — the same order decides which files make the cut, and equal inputs give equal outputs. Apply score_threshold to the chunks before calling this, so
 * `content` never holds a chunk below the threshold. A chunk id seen twice keeps its first (best) occurrence.
 */
export function groupByFile(ranked: readonly RankedChunk[], opts: GroupOptions): FileResult[] {
  const perFile = opts.maxChunksPerFile ?? DEFAULT_CHUNKS_PER_FILE;
  const sorted = [...ranked].sort((a, b) => b.score - a.score || a.chunkId - b.chunkId);
  const files = new Map<string, FileResult>();
  const seen = new Set<number>();
  for (const c of sorted) {
    if (seen.has(c.chunkId)) continue;
    seen.add(c.chunkId);
    let file = files.get(c.fileId);
    if (!file) {
      // Sorted input: the first chunk of a file is its best, and files appear in rank order.
      if (files.size >= opts.maxResults) continue;
      file = { fileId: c.fileId, score: c.score, chunks: [] };
      files.set(c.fileId, file);
    }
    if (file.chunks.length < perFile) file.chunks.push({ chunkId: c.chunkId, score: c.score, text: c.text });
  }
  return [...files.values()];
}
