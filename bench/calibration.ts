// Score calibration: does score_threshold 0.5 keep real answers and drop queries that have none?
//
// One store of XQuAD-R's 240 English paragraphs (bench/lib/store.ts: the production schema, analyser, BM25 scale,
// vector index and fusion with default options). `kept`: the share of its 1,190 questions whose own paragraph
// is returned at score_threshold 0.5. `dropped`: the share of SciFact's 300 test claims (biomedical: no answer in
// Wikipedia paragraphs) that come back empty. `kept_heldout` counts only the odd-indexed questions, which the
// calibration was not fitted on. `--fit` re-fits the calibrations (core/search/calibration.ts) on the other split:
// even-indexed questions (own paragraph: relevant) against 300 SciFact train claims (best hit: not relevant).
// Run: npx tsx bench/calibration.ts [--fit]
import { HASH_EMBEDDING_DIMENSIONS } from "../src/config";
import { HashEmbedder } from "../src/core/embedding/hash";
import { logit, sigmoid, type Calibration } from "../src/core/search/calibration";
import { docText, loadDataset } from "./lib/data";
import { BenchStore } from "./lib/store";

const THRESHOLD = 0.5;
const xquad = loadDataset("xquad-r/en", "qrels.tsv");
const scifact = loadDataset("scifact", "qrels/train.tsv");
const testClaims = scifact.queries.filter((q) => !scifact.qrels.has(q._id)).map((q) => q.text);
const trainClaims = scifact.queries.filter((q) => scifact.qrels.has(q._id)).slice(0, 300).map((q) => q.text);
const questions = xquad.queries.filter((q) => xquad.qrels.has(q._id));
const own = questions.map((q) => xquad.docs.findIndex((d) => xquad.qrels.get(q._id)!.has(d._id)));

const store = await BenchStore.build(xquad.docs.map(docText), new HashEmbedder(HASH_EMBEDDING_DIMENSIONS));
const answered = await store.search(questions.map((q) => q.text));

if (process.argv.includes("--fit")) {
  const claims = await store.search(trainClaims);
  const fitSet = answered.filter((_, i) => i % 2 === 0);
  const fitOwn = own.filter((_, i) => i % 2 === 0);
  for (const side of ["keyword", "vector"] as const) {
    const positives = fitSet.map((r, i) => r[side].find((x) => x.doc === fitOwn[i])?.score ?? 0);
    const negatives = claims.map((r) => r[side][0]?.score ?? 0);
    console.log(`fit ${side} ${JSON.stringify(fitLogistic(positives, negatives))}`);
  }
} else {
  const claims = await store.search(testClaims);
  const keptAt = (i: number) => answered[i]!.hybrid.some((r) => r.doc === own[i] && r.score >= THRESHOLD);
  const kept = questions.filter((_, i) => keptAt(i)).length / questions.length;
  const heldOut = questions.map((_, i) => i).filter((i) => i % 2 === 1);
  const keptHeldOut = heldOut.filter(keptAt).length / heldOut.length;
  const dropped = claims.filter((r) => !r.hybrid.some((x) => x.score >= THRESHOLD)).length / claims.length;
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(`calibration threshold ${THRESHOLD} kept ${kept.toFixed(4)}`);
  console.log(`calibration threshold ${THRESHOLD} kept_heldout ${keptHeldOut.toFixed(4)}`);
  console.log(`calibration threshold ${THRESHOLD} dropped ${dropped.toFixed(4)}`);
  console.log(`calibration answer median_score ${median(answered.map((r, i) => r.hybrid.find((x) => x.doc === own[i])?.score ?? 0)).toFixed(3)}`);
  console.log(`calibration no_answer median_best_score ${median(claims.map((r) => r.hybrid[0]?.score ?? 0)).toFixed(3)}`);
  console.log(`calibration store ${xquad.docs.length} paragraphs, ${questions.length} questions, ${claims.length} claims`);
}

/** Maximum-likelihood logistic (calibration.ts's shape) on balanced classes, by grid search. */
function fitLogistic(positives: number[], negatives: number[]): Calibration {
  let best: Calibration = { midpoint: 0.5, slope: 1 };
  let bestLoss = Infinity;
  const loss = (c: Calibration, xs: number[], label: 0 | 1) =>
    xs.reduce((sum, x) => {
      const p = Math.min(1 - 1e-6, Math.max(1e-6, sigmoid(logit(x, c))));
      return sum - Math.log(label ? p : 1 - p);
    }, 0) / xs.length;
  for (let m = 0.01; m <= 0.8; m += 0.005)
    for (let s = 2; s <= 80; s += 1) {
      const c = { midpoint: Number(m.toFixed(3)), slope: s };
      const l = loss(c, positives, 1) + loss(c, negatives, 0);
      if (l < bestLoss) [best, bestLoss] = [c, l];
    }
  return best;
}
