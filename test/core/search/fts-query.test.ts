// FTS5 over analysed terms in the store object's own SQLite: the production schema, writes and BM25 query.
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { KEYWORD_CALIBRATION } from "../../../src/core/search/calibration";
import { ftsQuery } from "../../../src/core/search/rewrite";
import { insertChunks } from "../../../src/platform/store-object/chunks-table";
import { complete, upsertInProgress } from "../../../src/platform/store-object/files-table";
import { bm25Ceiling, keywordCandidates } from "../../../src/platform/store-object/search-table";
import { durableObjectSql } from "../../../src/platform/store-object/sql";

const DOCS = [
  "Invoice INV-7731-QX covers consulting hours for March.",
  "The inventory lists 7731 items; QX is the warehouse code. INV means invoice.",
  "Blue whales eat krill along the coast.",
  'He said "NEAR" and (maybe) col:x or ^start * AND NOT everything.',
  "本周我们整理了设备清单并更新了机房的网络拓扑图。",
];

type Match = (text: string) => Array<{ chunkId: number; score: number }>;

/** Runs `fn` against a store object's SQLite holding `docs` (default DOCS) as one completed file each (doc i → chunk i + 1). */
async function withDocs<T>(name: string, fn: (match: Match) => T, docs: readonly string[] = DOCS): Promise<T> {
  return runInDurableObject(env.STORE.getByName(name), (_o, state) => {
    const sql = durableObjectSql(state.storage);
    if (sql.all(`SELECT 1 FROM files`).length === 0)
      docs.forEach((text, i) => {
        const fileId = `file-${i}`;
        const row = upsertInProgress(sql, { fileId, filename: `${i}.txt`, bytes: text.length, attributes: null, maxTokens: 800, overlapTokens: 400 }, 0);
        insertChunks(sql, fileId, row.generation, [{ index: 0, text, startChar: 0, endChar: text.length, tokenCount: 1, pageStart: null, pageEnd: null }], [], false, null);
        complete(sql, fileId, 4, 0);
      });
    const first = sql.all<{ chunk_id: number }>(`SELECT min(chunk_id) AS chunk_id FROM chunks`)[0]!.chunk_id;
    return fn((text) => {
      const q = ftsQuery(text);
      return q ? keywordCandidates(sql, q, 10, null).map((c) => ({ chunkId: c.chunkId - first + 1, score: c.score })) : [];
    });
  });
}

describe("keyword search in the store object's FTS5", () => {
  it("finds a hyphenated code and ranks the chunk with the adjacent phrase first", async () => {
    expect((await withDocs("fts-a", (m) => m("status of INV-7731-QX"))).map((c) => c.chunkId)).toEqual([1, 2]);
  });

  it("stems English queries as English chunks are indexed", async () => {
    expect((await withDocs("fts-a", (m) => m("whale eating"))).map((c) => c.chunkId)).toEqual([3]);
  });

  it("finds a Chinese word inside a sentence", async () => {
    expect((await withDocs("fts-a", (m) => m("设备清单"))).map((c) => c.chunkId)).toEqual([5]);
  });

  it("scores on an absolute scale in [0, 1]: every term matched scores higher than one of several", async () => {
    const [all, one] = await withDocs("fts-a", (m) => [m("blue whales krill")[0]!.score, m("whales quantum entanglement photon")[0]!.score]);
    expect(all).toBeGreaterThan(0.3);
    expect(all).toBeLessThanOrEqual(1);
    // One word of four: below the keyword calibration's midpoint, the score at which a match is as likely relevant as not.
    expect(one).toBeLessThan(KEYWORD_CALIBRATION.midpoint);
    expect(all).toBeGreaterThan(KEYWORD_CALIBRATION.midpoint);
  });

  it("stems a query that does not tell its language like the store's chunks when most are English", async () => {
    const english = ["The whales were eating krill.", "The ships were sailing north.", "The crew was resting."];
    // "eats" is neither a word of the text nor, unstemmed, one of its stems (eat): only the store's language helps.
    const [both] = await withDocs("fts-en", (m) => m("whales eats"), english);
    const [one] = await withDocs("fts-en", (m) => m("whales xyzzy"), english);
    expect(both!.chunkId).toBe(1);
    expect(both!.score).toBeGreaterThan(one!.score);
  });

  it("computes the BM25 ceiling from FTS5's own document frequencies", async () => {
    const ceiling = await runInDurableObject(env.STORE.getByName("fts-a"), (_o, state) => bm25Ceiling(durableObjectSql(state.storage), [["krill"], ["absentword"]]));
    // 5 chunks + 50 prior rows; krill in 1, absentword in none; k1 + 1 = 2.2.
    expect(ceiling).toBeCloseTo((Math.log((55 - 1 + 0.5) / 1.5) + Math.log((55 + 0.5) / 0.5)) * 2.2, 6);
  });

  it.each([
    'foo" OR bar',
    "NEAR(a b, 2)",
    "col:x",
    "^start",
    "prefix*",
    "AND OR NOT",
    "(unbalanced",
    '"',
    '""',
    "a - b + c",
    "{text}: krill",
    "x'); DROP TABLE chunks_terms; --",
    "设备\"清单",
  ])("never breaks the MATCH syntax for %j", async (text) => {
    await expect(withDocs("fts-a", (m) => m(text))).resolves.toBeInstanceOf(Array);
  });

  it("matches the words of FTS operators as plain words", async () => {
    expect((await withDocs("fts-a", (m) => m("NEAR"))).map((c) => c.chunkId)).toEqual([4]);
    expect((await withDocs("fts-a", (m) => m("col:x"))).map((c) => c.chunkId)).toEqual([4]);
  });
});
