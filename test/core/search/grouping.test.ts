// Grouping ranked chunks into per-file results: max_num_results counts files, chunks per file are capped.
import { describe, expect, it } from "vitest";
import { DEFAULT_CHUNKS_PER_FILE, groupByFile, type RankedChunk } from "../../../src/core/search/grouping";

const chunk = (chunkId: number, fileId: string, score: number): RankedChunk => ({ chunkId, fileId, score, text: `t${chunkId}` });

describe("groupByFile", () => {
  it("returns one result per file, ordered by the file's best chunk, with its chunks best first", () => {
    const out = groupByFile([chunk(1, "a", 0.5), chunk(2, "b", 0.9), chunk(3, "a", 0.7), chunk(4, "c", 0.1)], { maxResults: 10 });
    expect(out).toEqual([
      { fileId: "b", score: 0.9, chunks: [{ chunkId: 2, score: 0.9, text: "t2" }] },
      {
        fileId: "a",
        score: 0.7,
        chunks: [
          { chunkId: 3, score: 0.7, text: "t3" },
          { chunkId: 1, score: 0.5, text: "t1" },
        ],
      },
      { fileId: "c", score: 0.1, chunks: [{ chunkId: 4, score: 0.1, text: "t4" }] },
    ]);
  });

  it("caps the number of FILE results at maxResults (max_num_results), not the number of chunks", () => {
    const ranked = [chunk(1, "a", 0.9), chunk(2, "a", 0.8), chunk(3, "b", 0.7), chunk(4, "c", 0.6), chunk(5, "b", 0.5)];
    const out = groupByFile(ranked, { maxResults: 2 });
    expect(out.map((r) => r.fileId)).toEqual(["a", "b"]);
    expect(out.map((r) => r.chunks.length)).toEqual([2, 2]);
  });

  it(`keeps at most ${DEFAULT_CHUNKS_PER_FILE} chunks per file by default, and honours maxChunksPerFile`, () => {
    const ranked = Array.from({ length: 6 }, (_, i) => chunk(i, "a", 1 - i / 10));
    expect(groupByFile(ranked, { maxResults: 5 })[0]?.chunks.map((c) => c.chunkId)).toEqual([0, 1, 2]);
    expect(groupByFile(ranked, { maxResults: 5, maxChunksPerFile: 1 })[0]?.chunks.map((c) => c.chunkId)).toEqual([0]);
  });

  it("breaks score ties by chunk id, for both the file cut and the order", () => {
    const ranked = [chunk(9, "z", 0.5), chunk(4, "y", 0.5), chunk(6, "x", 0.5)];
    expect(groupByFile(ranked, { maxResults: 2 }).map((r) => r.fileId)).toEqual(["y", "x"]);
    expect(groupByFile([...ranked].reverse(), { maxResults: 2 })).toEqual(groupByFile(ranked, { maxResults: 2 }));
  });

  it("drops a repeated chunk id and handles no input", () => {
    expect(groupByFile([chunk(1, "a", 0.9), chunk(1, "a", 0.4)], { maxResults: 3 })[0]?.chunks).toHaveLength(1);
    expect(groupByFile([], { maxResults: 3 })).toEqual([]);
  });
});
