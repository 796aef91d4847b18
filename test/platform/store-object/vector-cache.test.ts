import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { durableObjectSql } from "../../../src/platform/store-object/sql";
import { VectorCache } from "../../../src/platform/store-object/vector-cache";

const DIMS = 256;

function rng(seed: number) {
  return () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32 - 0.5;
  };
}

function unit(v: Float32Array): Float32Array {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

describe("VectorCache", () => {
  it("finds the same neighbours with the sign-bit pass on a 25k-vector store as an exact scan", async () => {
    const random = rng(7);
    const vectors = Array.from({ length: 25_000 }, () => unit(Float32Array.from({ length: DIMS }, random)));
    const stub = env.STORE.getByName("vs_vector_cache_test");
    const { recall, selfFirst } = await runInDurableObject(stub, (_o, state) => {
      const sql = durableObjectSql(state.storage);
      sql.run(`INSERT INTO files (file_id, generation, status, created_at, updated_at, filename, bytes, max_chunk_tokens, overlap_tokens) VALUES ('file-a', 1, 'completed', 0, 0, 'a.txt', 1, 800, 400)`);
      state.storage.transactionSync(() => {
        vectors.forEach((v, i) => {
          sql.run(`INSERT INTO chunks (chunk_id, file_id, generation, chunk_index, text, start_char, end_char, token_count) VALUES (?, 'file-a', 1, ?, 'x', 0, 1, 1)`, i + 1, i);
          sql.run(`INSERT INTO vectors (chunk_id, file_id, embedding) VALUES (?, 'file-a', ?)`, i + 1, v.buffer as ArrayBuffer);
        });
      });
      const cache = VectorCache.load(sql);
      let hits = 0;
      let first = 0;
      const queries = 10;
      for (let qi = 0; qi < queries; qi++) {
        // A query near vector qi*997: that vector must come first, and the top 10 must match an exact scan.
        const target = vectors[(qi * 997) % vectors.length]!;
        const query = unit(target.map((x) => x + random() * 0.02));
        const scored = vectors.map((v, i) => {
          let s = 0;
          for (let d = 0; d < DIMS; d++) s += v[d]! * query[d]!;
          return { id: i + 1, s };
        });
        const exact = scored.sort((a, b) => b.s - a.s).slice(0, 10).map((x) => x.id);
        const found = cache.search(query, 10, null).map((h) => h.chunkId);
        if (found[0] === (qi * 997) % vectors.length + 1) first++;
        hits += found.filter((id) => exact.includes(id)).length;
      }
      return { recall: hits / (queries * 10), selfFirst: first / queries };
    });
    expect(selfFirst).toBe(1);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  }, 120_000);
});
