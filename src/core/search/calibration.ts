// Score calibration: maps each retriever's absolute score to [0, 1] so that 0.5 separates answers from the rest.

/**
 * A logistic calibration of one retriever's absolute score x: P(relevant) = σ(slope · (x − midpoint)).
 * `midpoint` is in the retriever's own units (BM25 share of the query's ceiling, or cosine): the score at which a
 * match is as likely to answer the query as not.
 */
export interface Calibration {
  midpoint: number;
  slope: number;
}

/** The calibrated log-odds of relevance: slope · (x − midpoint). */
export function logit(x: number, c: Calibration): number {
  return c.slope * (x - c.midpoint);
}

/** The logistic function: log-odds → probability in (0, 1). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * BM25 over its ceiling (search-table.ts). Fitted by bench/calibration.ts on a split its reported figure does not
 * use: XQuAD-R English questions with even index (their own paragraph: relevant) against 300 SciFact train claims
 * (their best hit in the same store: not relevant), by maximum likelihood on the balanced sets.
 */
export const KEYWORD_CALIBRATION: Readonly<Calibration> = { midpoint: 0.205, slope: 38 };

/** Cosine of the `hash` embedder, fitted like KEYWORD_CALIBRATION. */
export const HASH_VECTOR_CALIBRATION: Readonly<Calibration> = { midpoint: 0.25, slope: 14 };

/**
 * Cosine of learned embedders (Workers AI bge-m3, qwen3-embedding, OpenAI text-embedding-3): not measured here
 * (no model offline). Their cosines sit higher and closer together than the hash embedder's: unrelated text
 * typically 0.2–0.45, paraphrases and answers 0.55–0.8, so the 0.5-point is put at 0.5. Re-fit with
 * bench/calibration.ts against the model before relying on a threshold.
 */
export const LEARNED_VECTOR_CALIBRATION: Readonly<Calibration> = { midpoint: 0.5, slope: 15 };

/** The vector calibration for an embedder, by its `id`: the hash embedder's ids start with "hash-". */
export function vectorCalibration(embedderId: string): Readonly<Calibration> {
  return embedderId.startsWith("hash-") ? HASH_VECTOR_CALIBRATION : LEARNED_VECTOR_CALIBRATION;
}
