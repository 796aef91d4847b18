// Retrieval quality on BEIR SciFact (train judgements), in process, through the production search functions.
//
// Keyword search is a real FTS5 table (`tokenize='porter unicode61'`, `bm25(chunks_fts)`) queried with
// buildFtsQuery(); vectors come from the hash embedder with exact cosine (what the store object does when there is
// no Vectorize); hybrid goes through fuse() and groupByFile() with the production defaults. One chunk per abstract (title + "\n\n" + text: all
// are far below 800 tokens). The data is read at run time from ../shared/data/scifact (CC BY-NC: never copy it in).
// Run: npx tsx bench/search-quality.ts      (Node 22: node:sqlite with FTS5)
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import { HASH_EMBEDDING_DIMENSIONS } from "../src/config";
import { HashEmbedder } from "../src/core/embedding/hash";
import { CANDIDATES_PER_RETRIEVER, defaultHybridWeights, fuse, type Candidate } from "../src/core/search/fusion";
import { groupByFile } from "../src/core/search/grouping";
import { buildFtsQuery } from "../src/core/search/rewrite";

const CANDIDATES = CANDIDATES_PER_RETRIEVER;
const CUTOFF = 10;

const DATA = resolve(dirname(fileURLToPath(import.meta.url)), "../../shared/data/scifact");

interface Doc {
  _id: string;
  title: string;
  text: string;
}
interface Query {
  _id: string;
  text: string;
}

const jsonl = <T>(name: string): T[] =>
  readFileSync(resolve(DATA, name), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);

function loadQrels(): Map<string, Set<string>> {
  const qrels = new Map<string, Set<string>>();
  const lines = readFileSync(resolve(DATA, "qrels/train.tsv"), "utf8").split("\n").slice(1);
  for (const line of lines) {
    const [qid, docId, score] = line.trim().split("\t");
    if (!qid || !docId || Number(score) <= 0) continue;
    const set = qrels.get(qid) ?? new Set<string>();
    set.add(docId);
    qrels.set(qid, set);
  }
  return qrels;
}

/** The same table shape and ranking call as the store object: FTS5 over `text`, ranked by bm25(chunks_fts). */
function keywordIndex(docs: Doc[]): (query: string) => Candidate[] {
  const db = new DatabaseSync(":memory:");
  db.exec("CREATE VIRTUAL TABLE chunks_fts USING fts5(text, tokenize='porter unicode61')");
  const insert = db.prepare("INSERT INTO chunks_fts(rowid, text) VALUES (?, ?)");
  db.exec("BEGIN");
  docs.forEach((d, i) => insert.run(i, `${d.title}\n\n${d.text}`));
  db.exec("COMMIT");
  const search = db.prepare(
    "SELECT rowid AS id, bm25(chunks_fts) AS rank FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?",
  );
  return (query) => {
    const match = buildFtsQuery(query);
    if (match === null) return [];
    // bm25() is negative, more negative = better: negate so that higher is better, as fuse() expects.
    return search.all(match, CANDIDATES).map((row) => ({ chunkId: Number(row.id), score: -Number(row.rank) }));
  };
}

function vectorIndex(vectors: Float32Array[]): (query: Float32Array) => Candidate[] {
  return (q) => {
    const scored: Candidate[] = vectors.map((v, chunkId) => {
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += (v[i] ?? 0) * (q[i] ?? 0);
      return { chunkId, score: dot };
    });
    return scored.sort((a, b) => b.score - a.score || a.chunkId - b.chunkId).slice(0, CANDIDATES);
  };
}

interface Totals {
  ndcg: number;
  recall: number;
  mrr: number;
}

/** nDCG@10 with binary gains (pytrec_eval's ndcg_cut_10 as BEIR reports it), Recall@10, MRR@10. */
function score(ranked: string[], relevant: Set<string>, into: Totals): void {
  const top = ranked.slice(0, CUTOFF);
  let dcg = 0;
  let hits = 0;
  let rr = 0;
  top.forEach((id, i) => {
    if (!relevant.has(id)) return;
    dcg += 1 / Math.log2(i + 2);
    hits++;
    if (rr === 0) rr = 1 / (i + 1);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(relevant.size, CUTOFF); i++) ideal += 1 / Math.log2(i + 2);
  into.ndcg += dcg / ideal;
  into.recall += hits / relevant.size;
  into.mrr += rr;
}

async function main(): Promise<void> {
  const docs = jsonl<Doc>("corpus.jsonl");
  const qrels = loadQrels();
  const queries = jsonl<Query>("queries.jsonl").filter((q) => qrels.has(q._id));
  const embedder = new HashEmbedder(HASH_EMBEDDING_DIMENSIONS);

  const docVectors: Float32Array[] = [];
  const texts = docs.map((d) => `${d.title}\n\n${d.text}`);
  for (let i = 0; i < texts.length; i += embedder.maxBatchSize)
    docVectors.push(...(await embedder.embed(texts.slice(i, i + embedder.maxBatchSize), "document")));
  const queryVectors = await embedder.embed(
    queries.map((q) => q.text),
    "query",
  );

  const keyword = keywordIndex(docs);
  const vector = vectorIndex(docVectors);
  const fileOf = (c: Candidate) => docs[c.chunkId]?._id ?? "";
  const methods = ["keyword", "vector", "hybrid"] as const;
  const totals = Object.fromEntries(methods.map((m) => [m, { ndcg: 0, recall: 0, mrr: 0 }])) as Record<
    (typeof methods)[number],
    Totals
  >;

  queries.forEach((q, i) => {
    const relevant = qrels.get(q._id) ?? new Set<string>();
    const kw = keyword(q.text);
    const vec = vector(queryVectors[i] ?? new Float32Array(embedder.dimensions));
    // The weights production uses for this embedder when the request names none.
    const fused = fuse(kw, vec, defaultHybridWeights(embedder.id), { candidateLimit: CANDIDATES });
    const files = groupByFile(
      fused.map((f) => ({ chunkId: f.chunkId, fileId: fileOf(f), score: f.score, text: "" })),
      { maxResults: CUTOFF },
    );
    score(kw.map(fileOf), relevant, totals.keyword);
    score(vec.map(fileOf), relevant, totals.vector);
    score(files.map((f) => f.fileId), relevant, totals.hybrid);
  });

  const n = queries.length;
  for (const m of methods) {
    console.log(`scifact ${m} nDCG@10 ${(totals[m].ndcg / n).toFixed(4)}`);
    console.log(`scifact ${m} Recall@10 ${(totals[m].recall / n).toFixed(4)}`);
    console.log(`scifact ${m} MRR@10 ${(totals[m].mrr / n).toFixed(4)}`);
  }
  const w = defaultHybridWeights(embedder.id);
  console.log(`scifact queries ${n} documents ${docs.length} embedder ${embedder.id} weights embedding=${w.embedding} text=${w.text}`);
}

await main();
