// Benchmark data, read at run time from ../shared/data (never copied into the project), and ranking metrics.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const DATA = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/data");

export interface Doc {
  _id: string;
  title: string;
  text: string;
}
export interface Query {
  _id: string;
  text: string;
}

export interface Dataset {
  docs: Doc[];
  /** Every query of queries.jsonl, judged or not. */
  queries: Query[];
  /** query id → relevant document ids (score > 0). */
  qrels: Map<string, Set<string>>;
}

const jsonl = <T>(path: string): T[] =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);

/** A BEIR-layout folder under ../shared/data: corpus.jsonl, queries.jsonl and a qrels TSV with a header line. */
export function loadDataset(folder: string, qrelsFile: string): Dataset {
  const dir = resolve(DATA, folder);
  const qrels = new Map<string, Set<string>>();
  for (const line of readFileSync(resolve(dir, qrelsFile), "utf8").split("\n").slice(1)) {
    const [qid, docId, score] = line.trim().split("\t");
    if (!qid || !docId || Number(score) <= 0) continue;
    const set = qrels.get(qid) ?? new Set<string>();
    set.add(docId);
    qrels.set(qid, set);
  }
  return { docs: jsonl<Doc>(resolve(dir, "corpus.jsonl")), queries: jsonl<Query>(resolve(dir, "queries.jsonl")), qrels };
}

/** SciFact's corpus (../shared/data/scifact/corpus.jsonl), in file order: every benchmark that uploads abstracts. */
export function scifactDocs(limit = Infinity): Doc[] {
  return jsonl<Doc>(resolve(DATA, "scifact", "corpus.jsonl")).slice(0, limit);
}

/** The text a document is indexed as: title and body, as one chunk. */
export const docText = (d: Doc) => (d.title ? `${d.title}\n\n${d.text}` : d.text);

export const CUTOFF = 10;

export interface Totals {
  ndcg: number;
  recall: number;
  mrr: number;
}

export const zeroTotals = (): Totals => ({ ndcg: 0, recall: 0, mrr: 0 });

/** nDCG@10 with binary gains (pytrec_eval's ndcg_cut_10 as BEIR reports it), Recall@10, MRR@10, added to `into`. */
export function addScores(ranked: readonly string[], relevant: Set<string>, into: Totals): void {
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
