// Retrieval quality in many languages: XQuAD-R (240 Wikipedia paragraphs, 1,190 questions, per language), in
// process, through the production search functions (bench/lib/store.ts) with default options.
// The data is read at run time from ../shared/data/xquad-r (CC BY-SA 4.0: never copy it in).
// Run: npx tsx bench/xquad.ts [lang ...]      (default: every language folder there)
import { readdirSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { HASH_EMBEDDING_DIMENSIONS } from "../src/config";
import { HashEmbedder } from "../src/core/embedding/hash";
import { addScores, DATA, docText, loadDataset, zeroTotals } from "./lib/data";
import { BenchStore } from "./lib/store";

const root = resolve(DATA, "xquad-r");
const args = process.argv.slice(2);
const languages = args.length > 0 ? args : readdirSync(root).filter((d) => statSync(resolve(root, d)).isDirectory()).sort();

for (const lang of languages) {
  const { docs, queries: all, qrels } = loadDataset(`xquad-r/${lang}`, "qrels.tsv");
  const queries = all.filter((q) => qrels.has(q._id));
  const store = await BenchStore.build(docs.map(docText), new HashEmbedder(HASH_EMBEDDING_DIMENSIONS));
  const results = await store.search(queries.map((q) => q.text));
  const totals = { keyword: zeroTotals(), hybrid: zeroTotals() };
  queries.forEach((q, i) => {
    for (const m of ["keyword", "hybrid"] as const) addScores(results[i]![m].map((r) => docs[r.doc]?._id ?? ""), qrels.get(q._id)!, totals[m]);
  });
  const n = queries.length;
  console.log(`xquad-r ${lang} hybrid nDCG@10 ${(totals.hybrid.ndcg / n).toFixed(4)}`);
  console.log(`xquad-r ${lang} keyword nDCG@10 ${(totals.keyword.ndcg / n).toFixed(4)}`);
}
