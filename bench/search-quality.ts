// Retrieval quality on BEIR SciFact (train judgements), in process, through the production search functions
// (bench/lib/store.ts: the store object's schema, analyser, BM25 query, vector index and fusion).
// The data is read at run time from ../shared/data/scifact (CC BY-NC: never copy it in).
// Run: npx tsx bench/search-quality.ts      (Node 22: node:sqlite with FTS5)
import { HASH_EMBEDDING_DIMENSIONS } from "../src/config";
import { HashEmbedder } from "../src/core/embedding/hash";
import { defaultHybridWeights } from "../src/core/search/fusion";
import { addScores, docText, loadDataset, zeroTotals, type Totals } from "./lib/data";
import { BenchStore } from "./lib/store";

const { docs, queries: all, qrels } = loadDataset("scifact", "qrels/train.tsv");
const queries = all.filter((q) => qrels.has(q._id));
const embedder = new HashEmbedder(HASH_EMBEDDING_DIMENSIONS);
const store = await BenchStore.build(docs.map(docText), embedder);
const results = await store.search(queries.map((q) => q.text));

const methods = ["keyword", "vector", "hybrid"] as const;
const totals = Object.fromEntries(methods.map((m) => [m, zeroTotals()])) as Record<(typeof methods)[number], Totals>;
queries.forEach((q, i) => {
  const relevant = qrels.get(q._id) ?? new Set<string>();
  for (const m of methods) addScores(results[i]![m].map((r) => docs[r.doc]?._id ?? ""), relevant, totals[m]);
});

const n = queries.length;
for (const m of methods) {
  console.log(`scifact ${m} nDCG@10 ${(totals[m].ndcg / n).toFixed(4)}`);
  console.log(`scifact ${m} Recall@10 ${(totals[m].recall / n).toFixed(4)}`);
  console.log(`scifact ${m} MRR@10 ${(totals[m].mrr / n).toFixed(4)}`);
}
const w = defaultHybridWeights(embedder.id);
console.log(`scifact queries ${n} documents ${docs.length} embedder ${embedder.id} weights embedding=${w.embedding} text=${w.text}`);
