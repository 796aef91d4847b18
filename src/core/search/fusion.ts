// Hybrid ranking: fuses keyword (BM25) and vector candidate lists into one ranking with absolute scores in [0, 1].
import { HASH_VECTOR_CALIBRATION, KEYWORD_CALIBRATION, logit, sigmoid, type Calibration } from "./calibration";

export interface Candidate {
  chunkId: number;
  /**
   * An absolute score, higher is better: for keyword candidates bm25() over the query's BM25 ceiling (in [0, 1],
   * search-table.ts), for vector candidates the cosine similarity (in [-1, 1]).
   */
  score: number;
}

export interface Fused {
  chunkId: number;
  /** In [0, 1], best first: the calibrated relevance (see fuse()), comparable across queries and stores. */
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
  /** Calibration of the vector scores: the embedder's (calibration.ts). Default: the hash embedder's. */
  vectorCalibration?: Calibration;
}

/**
 * Candidates to fetch from each retriever: Vectorize's topK ceiling without metadata, and deep enough that
 * max_num_results = 50 files survive the attribute filter and grouping in most stores.
 */
export const CANDIDATES_PER_RETRIEVER = 100;

/**
 * Defaults when the request names no weights. Learned embedders (Workers AI, OpenAI) find paraphrases BM25 cannot,
 * so both lists count equally. The hash embedder is lexical: it re-finds what BM25 finds, less precisely (SciFact
 * nDCG@10 0.42 against BM25's 0.70). Its calibrated log-odds are flatter than BM25's (slope 14 against 38 per unit
 * score), so at 0.4 / 0.6 it still mostly re-orders keyword results: best on SciFact in bench/search-quality.ts
 * (0.35: −0.003, 0.5: −0.001).
 */
export const DEFAULT_HYBRID_WEIGHTS: Readonly<HybridWeights> = { embedding: 0.5, text: 0.5 };
export const LEXICAL_EMBEDDER_WEIGHTS: Readonly<HybridWeights> = { embedding: 0.4, text: 0.6 };

/** The default weights for an embedder, by its `id`: the hash embedder's ids start with "hash-". */
export function defaultHybridWeights(embedderId: string): Readonly<HybridWeights> {
  return embedderId.startsWith("hash-") ? LEXICAL_EMBEDDER_WEIGHTS : DEFAULT_HYBRID_WEIGHTS;
}

interface Calibrated {
  rank: number;
  /** Calibrated log-odds of relevance. */
  logit: number;
}

/**
 * A chunk missing from a list that was cut at candidateLimit scored at most the list's last score; it is taken to
 * score this share of it. On SciFact (bench/search-quality.ts) the last score itself ranked 0.001 nDCG@10 lower
 * (it overrates chunks one retriever did not find) and 0 ranked 0.005 lower (it buries chunks just below the cut).
 */
const MISSING_SHARE = 0.8;

/** Best-first, one entry per chunk (its best), each score as calibrated log-odds; `floor`: a missing chunk's. */
function calibrate(list: readonly Candidate[], calibration: Calibration): { entries: Map<number, Calibrated>; floor: number } {
  const sorted = [...list].sort((a, b) => b.score - a.score || a.chunkId - b.chunkId);
  const entries = new Map<number, Calibrated>();
  let floor = logit(0, calibration);
  for (const c of sorted) {
    if (entries.has(c.chunkId)) continue;
    entries.set(c.chunkId, { rank: entries.size + 1, logit: logit(c.score, calibration) });
    floor = logit(c.score * MISSING_SHARE, calibration);
  }
  return { entries, floor };
}

/**
 * Fuses calibrated absolute scores (calibration.ts) in log-odds:
 *
 *   ℓ_text(d) = s_t · (bm25(d) / bm25_ceiling(query) − m_t)        ℓ_vec(d) = s_v · (cos(d) − m_v)
 *   score(d) = σ((w_text · ℓ_text(d) + w_embedding · ℓ_vec(d)) / (w_text + w_embedding))
 *
 * Each calibration turns its retriever's absolute score into the log-odds that the chunk answers the query, so the
 * fused score means the same in every query and store: 0.5 is the point where a match is as likely relevant as
 * not, and `score_threshold` 0.5 keeps real answers and drops incidental matches. Averaging log-odds (not
 * probabilities) keeps the order a linear combination of BM25 and cosine, which is what ranks well on SciFact;
 * averaging the probabilities saturated every good keyword match at ~1 and cost 0.04 nDCG@10. A chunk missing from
 * a list that was cut at candidateLimit takes MISSING_SHARE of that list's lowest score (its true score is at most that); missing
 * from a list shorter than the limit, which is therefore complete, it takes the score of no match (0).
 * Ties: lower chunkId first.
 *
 * Why not reciprocal rank fusion, which OpenAI names for hybrid_search: RRF gives every list's k-th result the
 * same credit whatever the score gap, so a weaker list drags good keyword hits down — on SciFact weighted RRF
 * (k = 60) scored 0.59–0.65 nDCG@10 where a score combination scored 0.70 — and its scores mean nothing absolute.
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
  const t = calibrate(keyword, KEYWORD_CALIBRATION);
  const v = calibrate(vector, opts.vectorCalibration ?? HASH_VECTOR_CALIBRATION);
  const tMissing = keyword.length >= limit ? t.floor : logit(0, KEYWORD_CALIBRATION);
  const vMissing = vector.length >= limit ? v.floor : logit(0, opts.vectorCalibration ?? HASH_VECTOR_CALIBRATION);

  const out: Fused[] = [];
  for (const chunkId of new Set([...t.entries.keys(), ...v.entries.keys()])) {
    const a = t.entries.get(chunkId);
    const b = v.entries.get(chunkId);
    const score = sigmoid((wt * (a?.logit ?? tMissing) + we * (b?.logit ?? vMissing)) / (wt + we));
    const fused: Fused = { chunkId, score: Math.min(1, Math.max(0, score)) };
    if (a) fused.keywordRank = a.rank;
    if (b) fused.vectorRank = b.rank;
    out.push(fused);
  }
  return out.sort((x, y) => y.score - x.score || x.chunkId - y.chunkId);
}
