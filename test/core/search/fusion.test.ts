// Hybrid fusion: score bounds, ordering, weights, tie-breaking and missing-candidate handling.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_HYBRID_WEIGHTS,
  LEXICAL_EMBEDDER_WEIGHTS,
  defaultHybridWeights,
  fuse,
  type Candidate,
} from "../../../src/core/search/fusion";

const list = (...pairs: Array<[number, number]>): Candidate[] => pairs.map(([chunkId, score]) => ({ chunkId, score }));
const equal = { embedding: 1, text: 1 };

describe("fuse", () => {
  it("returns scores in [0, 1], best first, with 1 for a chunk both lists rank first", () => {
    const out = fuse(list([1, 12.5], [2, 8], [3, 0.1]), list([1, 0.9], [4, 0.7], [3, -0.2]), equal);
    expect(out[0]).toEqual({ chunkId: 1, score: 1, keywordRank: 1, vectorRank: 1 });
    for (const f of out) expect(f.score).toBeGreaterThanOrEqual(0);
    for (const f of out) expect(f.score).toBeLessThanOrEqual(1);
    expect(out.map((f) => f.score)).toEqual([...out.map((f) => f.score)].sort((a, b) => b - a));
    expect(out.map((f) => f.chunkId).sort()).toEqual([1, 2, 3, 4]);
  });

  it("computes the convex combination of max-normalised scores", () => {
    // Complete lists (shorter than the limit): a missing chunk scores 0 in that list.
    const out = fuse(list([1, 10], [2, 5]), list([2, 0.8], [3, 0.4]), { embedding: 1, text: 3 });
    const byId = new Map(out.map((f) => [f.chunkId, f.score]));
    expect(byId.get(1)).toBeCloseTo((3 * 1 + 1 * 0) / 4);
    expect(byId.get(2)).toBeCloseTo((3 * 0.5 + 1 * 1) / 4);
    expect(byId.get(3)).toBeCloseTo((3 * 0 + 1 * 0.5) / 4);
  });

  it("gives a chunk missing from a truncated list that list's lowest normalised score", () => {
    const out = fuse(list([1, 10], [2, 5]), list([3, 1]), { embedding: 1, text: 1 }, { candidateLimit: 2 });
    // Keyword list is full (2 of 2): chunk 3 gets its floor 0.5. Vector list is not (1 of 2): chunks 1 and 2 get 0.
    expect(new Map(out.map((f) => [f.chunkId, f.score]))).toEqual(new Map([[1, 0.5], [3, 0.75], [2, 0.25]]));
  });

  it("follows the weights: text-only ranks like keyword, embedding-only like vector", () => {
    const keyword = list([1, 9], [2, 6], [3, 3]);
    const vector = list([3, 0.9], [2, 0.5], [1, 0.1]);
    expect(fuse(keyword, vector, { embedding: 0, text: 1 }).map((f) => f.chunkId)).toEqual([1, 2, 3]);
    expect(fuse(keyword, vector, { embedding: 1, text: 0 }).map((f) => f.chunkId)).toEqual([3, 2, 1]);
    expect(fuse(keyword, vector, { embedding: 2, text: 2 }).map((f) => f.score)).toEqual(fuse(keyword, vector, equal).map((f) => f.score));
  });

  it("breaks ties by chunkId and is deterministic whatever the input order", () => {
    const a = fuse(list([7, 1], [3, 1], [5, 1]), [], equal);
    expect(a.map((f) => f.chunkId)).toEqual([3, 5, 7]);
    const b = fuse(list([5, 1], [7, 1], [3, 1]), [], equal);
    expect(b).toEqual(a);
  });

  it("reports 1-based ranks and keeps a duplicated chunk's best score", () => {
    const out = fuse(list([4, 1], [9, 3]), list([4, 0.2], [4, 0.6], [9, 0.1]), equal);
    expect(out.find((f) => f.chunkId === 4)).toMatchObject({ keywordRank: 2, vectorRank: 1 });
    expect(out.find((f) => f.chunkId === 9)).toMatchObject({ keywordRank: 1, vectorRank: 2 });
    expect(out).toHaveLength(2);
  });

  it("clamps negative cosine similarities to 0 and handles empty lists", () => {
    expect(fuse([], [], equal)).toEqual([]);
    const out = fuse([], list([1, -0.3], [2, -0.1]), equal);
    expect(out.map((f) => f.score)).toEqual([0, 0]);
    expect(out.map((f) => f.chunkId)).toEqual([1, 2]);
    expect(fuse(list([1, 4]), [], equal)).toEqual([{ chunkId: 1, score: 0.5, keywordRank: 1 }]);
  });

  it("rejects weights that are negative, not finite or both zero", () => {
    for (const w of [{ embedding: 0, text: 0 }, { embedding: -1, text: 1 }, { embedding: Number.NaN, text: 1 }, { embedding: Infinity, text: 1 }])
      expect(() => fuse([], [], w)).toThrow(RangeError);
  });
});

describe("defaultHybridWeights", () => {
  it("lowers the embedding weight for the lexical hash embedder only", () => {
    expect(defaultHybridWeights("hash-v1-256")).toEqual(LEXICAL_EMBEDDER_WEIGHTS);
    expect(defaultHybridWeights("@cf/baai/bge-m3")).toEqual(DEFAULT_HYBRID_WEIGHTS);
  });
});
