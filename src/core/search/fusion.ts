// Hybrid ranking: fuses keyword (BM25) and vector candidate lists into one ranking with scores in [0, 1].

export interface Candidate {
  chunkId: number;
  /** Higher is better. SQLite's bm25() is negative with more negative = better: the caller passes -bm25(). */
  score: number;
}

export interface Fused {
  chunkId: number;
  /** In [0, 1], best first. Relative to this query's best candidates: see fuse(). */
  score: number;
  /** 1-based rank in each input list, when the chunk was in it. */
  keywordRank?: number;
  vectorRank?: number;
}

/** OpenAI `ranking_options.hybrid_search` {embedding_weight, text_weight}: ≥ 0, at least one > 0. */
export interface HybridWeights {
  embedding: number;
  text: number;
}

export interface FuseOptions {
  /** How many candidates each retriever was asked for. A shorter list is complete: chunks missing from it score 0. */
  candidateLimit?: number;
}

/**
 * Candidates to fetch from each retriever: Vectorize's topK ceiling without metadata, and deep enough that
 * max_num_results = 50 files survive the attribute filter and grouping in most stores.
 */
export const CANDIDATES_PER_RETRIEVER = 100;

/**
 * Defaults when the request names no weights. Learned embedders (Workers AI, OpenAI) find paraphrases BM25 cannot,
 * so both lists count equally. The hash embedder is lexical: it re-finds what BM25 finds, less precisely (SciFact
 * nDCG@10 ≈ 0.35 against BM25's 0.70), so it only breaks ties among keyword results — any weight above ~0.25 made
 * hybrid worse than keyword alone in bench/search-quality.ts.
 */
export const DEFAULT_HYBRID_WEIGHTS: Readonly<HybridWeights> = { embedding: 0.5, text: 0.5 };
export const LEXICAL_EMBEDDER_WEIGHTS: Readonly<HybridWeights> = { embedding: 0.2, text: 0.8 };

/** The default weights for an embedder, by its `id`: the hash embedder's ids start with "hash-". */
export function defaultHybridWeights(embedderId: string): Readonly<HybridWeights> {
  return embedderId.startsWith("hash-") ? LEXICAL_EMBEDDER_WEIGHTS : DEFAULT_HYBRID_WEIGHTS;
}

interface Normalized {
  rank: number;
  value: number;
}

/** Best-first, one entry per chunk (its best), each score divided by the list's best positive score. */
function normalize(list: readonly Candidate[]): { entries: Map<number, Normalized>; floor: number } {
  const sorted = [...list].sort((a, b) => b.score - a.score || a.chunkId - b.chunkId);
  const max = Math.max(0, sorted[0]?.score ?? 0);
  const entries = new Map<number, Normalized>();
  let floor = 1;
  for (const c of sorted) {
    if (entries.has(c.chunkId)) continue;
    const value = max > 0 ? Math.max(0, c.score) / max : 0;
    entries.set(c.chunkId, { rank: entries.size + 1, value });
    floor = value;
  }
  return { entries, floor: entries.size > 0 ? floor : 0 };
}

/**
 * Convex combination of per-list normalised scores (the "TM2C2" fusion of Bruch et al., 2023):
 *
 *   T(d) = max(0, bm25(d)) / max_k bm25(k)        V(d) = max(0, cos(d)) / max_k cos(k)
 *   score(d) = (w_text · T(d) + w_embedding · V(d)) / (w_text + w_embedding)
 *
 * where the maxima run over each list's candidates. A chunk missing from a list that was cut at candidateLimit
 * takes that list's lowest normalised score (its true score is at most that; treating it as 0 ranked worse on
 * SciFact); missing from a list shorter than the limit, which is therefore complete, it takes 0.
 * Ties: lower chunkId first. So scores lie in [0, 1] and are relative to the query's best candidates: the
 * top chunk scores 1 when both lists rank it first.
 *
 * Why not reciprocal rank fusion, which OpenAI names for hybrid_search: RRF gives every list's k-th result the
 * same credit whatever the score gap, so a weaker list drags good keyword hits down — on SciFact weighted RRF
 * (k = 60) scored 0.59–0.65 nDCG@10 where this scored 0.70.
 */
export function fuse(
  keyword: readonly Candidate[],
  vector: readonly Candidate[],
  weights: HybridWeights,
  opts: FuseOptions = {},
): Fused[] {
  const { embedding: we, text: wt } = weights;
  if (!(we >= 0 && wt >= 0 && we + wt > 0 && Number.isFinite(we + wt)))
    throw new RangeError(`hybrid weights must be finite, ≥ 0 and not both 0; got embedding=${we}, text=${wt}`);
  const limit = opts.candidateLimit ?? CANDIDATES_PER_RETRIEVER;
  const t = normalize(keyword);
  const v = normalize(vector);
  const tMissing = keyword.length >= limit ? t.floor : 0;
  const vMissing = vector.length >= limit ? v.floor : 0;

  const out: Fused[] = [];
  for (const chunkId of new Set([...t.entries.keys(), ...v.entries.keys()])) {
    const a = t.entries.get(chunkId);
    const b = v.entries.get(chunkId);
    const score = (wt * (a?.value ?? tMissing) + we * (b?.value ?? vMissing)) / (wt + we);
    const fused: Fused = { chunkId, score: Math.min(1, Math.max(0, score)) };
    if (a) fused.keywordRank = a.rank;
    if (b) fused.vectorRank = b.rank;
    out.push(fused);
  }
  return out.sort((x, y) => y.score - x.score || x.chunkId - y.chunkId);
}
