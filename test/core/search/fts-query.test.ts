// buildFtsQuery against real FTS5 (D1 here; the store object uses the same SQLite FTS5 and table shape).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFtsQuery } from "../../../src/core/search/rewrite";

const DOCS = [
  "Invoice INV-7731-QX covers consulting hours for March.",
  "The inventory lists 7731 items; QX is the warehouse code. INV means invoice.",
  "Blue whales eat krill along the coast.",
  'He said "NEAR" and (maybe) col:x or ^start * AND NOT everything.',
];

async function match(text: string): Promise<number[]> {
  const fts = buildFtsQuery(text);
  if (fts === null) return [];
  const { results } = await env.DB.prepare(
    "SELECT rowid AS id FROM search_fts_test WHERE search_fts_test MATCH ?1 ORDER BY bm25(search_fts_test), rowid",
  )
    .bind(fts)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

beforeAll(async () => {
  await env.DB.exec("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_test USING fts5(text, tokenize='porter unicode61')");
  await env.DB.batch(DOCS.map((text, i) => env.DB.prepare("INSERT INTO search_fts_test (rowid, text) VALUES (?1, ?2)").bind(i + 1, text)));
});

describe("buildFtsQuery in FTS5", () => {
  it("finds a hyphenated code and ranks the chunk with the adjacent phrase first", async () => {
    expect(await match("status of INV-7731-QX?")).toEqual([1, 2]);
  });

  it("stems through the porter tokenizer", async () => {
    expect(await match("whale eating")).toEqual([3]);
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
    "x'); DROP TABLE search_fts_test; --",
  ])("never breaks the MATCH syntax for %j", async (text) => {
    await expect(match(text)).resolves.toBeInstanceOf(Array);
  });

  it("matches the words of FTS operators as plain words", async () => {
    expect(await match("NEAR")).toEqual([4]);
    expect(await match("col:x")).toEqual([4]);
  });
});
