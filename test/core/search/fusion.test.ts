// Hybrid fusion: absolute calibrated scores, ordering, weights, tie-breaking and missing-candidate handling.
import { describe, expect, it } from "vitest";
import { HASH_VECTOR_CALIBRATION, KEYWORD_CALIBRATION, LEARNED_VECTOR_CALIBRATION, logit, sigmoid, vectorCalibration } from "../../../src/core/search/calibration";
import {
  DEFAULT_HYBRID_WEIGHTS,
  LEXICAL_EMBEDDER_WEIGHTS,
  defaultHybridWeights,
  fuse,
  type Candidate,
} from "../../../src/core/search/fusion";

const list = (...pairs: Array<[number, number]>): Candidate[] => pairs.map(([chunkId, score]) => ({ chunkId, score }));
const equal = { embedding: 1, text: 1 };
const scoreOf = (out: ReturnType<typeof fuse>, id: number) => out.find((f) => f.chunkId === id)?.score;

describe("fuse", () => {
  it("returns scores in [0, 1], best first, with the chunk both lists rank first on top", () => {
    const out = fuse(list([1, 0.6], [2, 0.3], [3, 0.01]), list([1, 0.5], [4, 0.3], [3, -0.2]), equal);
    expect(out[0]).toMatchObject({ chunkId: 1, keywordRank: 1, vectorRank: 1 });
    for (const f of out) expect(f.score >= 0 && f.score <= 1).toBe(true);
    expect(out.map((f) => f.score)).toEqual([...out.map((f) => f.score)].sort((a, b) => b - a));
    expect(out.map((f) => f.chunkId).sort()).toEqual([1, 2, 3, 4]);
  });

  it("averages the calibrated log-odds of each retriever with the weights", () => {
    // Complete lists (shorter than the limit): a missing chunk scores as no match (0) in that list.
    const out = fuse(list([1, 0.5], [2, 0.25]), list([2, 0.4], [3, 0.2]), { embedding: 1, text: 3 });
    const t = (x: number) => logit(x, KEYWORD_CALIBRATION);
    const v = (x: number) => logit(x, HASH_VECTOR_CALIBRATION);
    expect(scoreOf(out, 1)).toBeCloseTo(sigmoid((3 * t(0.5) + v(0)) / 4), 10);
    expect(scoreOf(out, 2)).toBeCloseTo(sigmoid((3 * t(0.25) + v(0.4)) / 4), 10);
    expect(scoreOf(out, 3)).toBeCloseTo(sigmoid((3 * t(0) + v(0.2)) / 4), 10);
  });

  it("scores a chunk the same whatever else the lists hold: scores are absolute, not relative to the best", () => {
    const alone = fuse(list([7, 0.1]), list([7, 0.1]), equal);
    const withBetter = fuse(list([1, 0.9], [7, 0.1]), list([1, 0.8], [7, 0.1]), equal);
    expect(scoreOf(withBetter, 7)).toBe(scoreOf(alone, 7));
    // An incidental match is below 0.5 even as the best there is; a strong match of both retrievers is above.
    expect(alone[0]!.score).toBeLessThan(0.5);
    expect(withBetter[0]!.score).toBeGreaterThan(0.5);
  });

  it("gives a chunk missing from a truncated list 0.8 of that list's lowest score", () => {
    const out = fuse(list([1, 0.5], [2, 0.4]), list([3, 0.3]), equal, { candidateLimit: 2 });
    const t = (x: number) => logit(x, KEYWORD_CALIBRATION);
    const v = (x: number) => logit(x, HASH_VECTOR_CALIBRATION);
    // Keyword list is full (2 of 2): chunk 3 gets 0.8 × 0.4. Vector list is not (1 of 2): chunks 1 and 2 get 0.
    expect(scoreOf(out, 3)).toBeCloseTo(sigmoid((t(0.8 * 0.4) + v(0.3)) / 2), 10);
    expect(scoreOf(out, 1)).toBeCloseTo(sigmoid((t(0.5) + v(0)) / 2), 10);
  });

  it("follows the weights: text-only ranks like keyword, embedding-only like vector", () => {
    const keyword = list([1, 0.9], [2, 0.6], [3, 0.3]);
    const vector = list([3, 0.9], [2, 0.5], [1, 0.1]);
    expect(fuse(keyword, vector, { embedding: 0, text: 1 }).map((f) => f.chunkId)).toEqual([1, 2, 3]);
    expect(fuse(keyword, vector, { embedding: 1, text: 0 }).map((f) => f.chunkId)).toEqual([3, 2, 1]);
    expect(fuse(keyword, vector, { embedding: 2, text: 2 }).map((f) => f.score)).toEqual(fuse(keyword, vector, equal).map((f) => f.score));
    // Text only: the score is the keyword calibration itself.
    expect(fuse(keyword, vector, { embedding: 0, text: 1 })[0]!.score).toBeCloseTo(sigmoid(logit(0.9, KEYWORD_CALIBRATION)), 10);
  });

  it("uses the embedder's vector calibration when given", () => {
    const hash = fuse([], list([1, 0.5]), equal);
    const learned = fuse([], list([1, 0.5]), equal, { vectorCalibration: LEARNED_VECTOR_CALIBRATION });
    expect(learned[0]!.score).toBeLessThan(hash[0]!.score);
  });

  it("breaks ties by chunkId and is deterministic whatever the input order", () => {
    const a = fuse(list([7, 0.5], [3, 0.5], [5, 0.5]), [], equal);
    expect(a.map((f) => f.chunkId)).toEqual([3, 5, 7]);
    const b = fuse(list([5, 0.5], [7, 0.5], [3, 0.5]), [], equal);
    expect(b).toEqual(a);
  });

  it("reports 1-based ranks and keeps a duplicated chunk's best score", () => {
    const out = fuse(list([4, 0.1], [9, 0.3]), list([4, 0.2], [4, 0.6], [9, 0.1]), equal);
    expect(out.find((f) => f.chunkId === 4)).toMatchObject({ keywordRank: 2, vectorRank: 1 });
    expect(out.find((f) => f.chunkId === 9)).toMatchObject({ keywordRank: 1, vectorRank: 2 });
    expect(out).toHaveLength(2);
  });

  it("scores negative cosine similarities lowest and handles empty lists", () => {
    expect(fuse([], [], equal)).toEqual([]);
    const out = fuse([], list([1, -0.3], [2, -0.1]), equal);
    expect(out.map((f) => f.chunkId)).toEqual([2, 1]);
    for (const f of out) expect(f.score).toBeLessThan(0.01);
  });

  it("rejects weights that are negative, not finite or both zero", () => {
    for (const w of [{ embedding: 0, text: 0 }, { embedding: -1, text: 1 }, { embedding: Number.NaN, text: 1 }, { embedding: Infinity, text: 1 }])
      expect(() => fuse([], [], w)).toThrow(RangeError);
  });
});

describe("defaultHybridWeights and vectorCalibration", () => {
  it("pick the lexical hash embedder's settings for hash ids only", () => {
    expect(defaultHybridWeights("hash-v1-256")).toEqual(LEXICAL_EMBEDDER_WEIGHTS);
    expect(defaultHybridWeights("@cf/baai/bge-m3")).toEqual(DEFAULT_HYBRID_WEIGHTS);
    expect(vectorCalibration("hash-v1-256")).toEqual(HASH_VECTOR_CALIBRATION);
    expect(vectorCalibration("@cf/baai/bge-m3")).toEqual(LEARNED_VECTOR_CALIBRATION);
  });
});
