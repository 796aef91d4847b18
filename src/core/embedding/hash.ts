// Deterministic offline embedder: signed feature hashing of stemmed words, word pairs and character n-grams.
import type { Embedder } from "../ports";

// Feature weights. Words carry the meaning; pairs reward phrases ("cell death"); character n-grams match
// morphology and spelling variants the stemmer misses ("tumour"/"tumor", "IL6"/"IL-6").
const WORD_WEIGHT = 1;
const PAIR_WEIGHT = 0.5;
const GRAM_WEIGHT = 0.35;
const GRAM = 4;

// Seeds keep the three feature families in separate hash spaces.
const WORD_SEED = 0x9e3779b1;
const PAIR_SEED = 0x85ebca6b;
const GRAM_SEED = 0xc2b2ae35;

// Function words: frequent everywhere, so they add noise to cosine similarity rather than signal.
const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both " +
    "but by can could did do does doing down during each either few for from further had has have having he her here hers " +
    "herself him himself his how however i if in into is it its itself just may me might more most must my myself no nor " +
    "not of off on once only or other ought our ours ourselves out over own same shall she should so some such than that " +
    "the their theirs them themselves then there these they this those through thus to too under until up upon us very was " +
    "we were what when where whether which while who whom whose why will with within without would yet you your yours " +
    "yourself yourselves"
  ).split(" "),
);

// Suffix → replacement, first match wins; `min` is the shortest stem left behind, so short words stay intact.
const SUFFIXES: ReadonlyArray<readonly [suffix: string, replacement: string, min: number]> = [
  ["ational", "ate", 3],
  ["ization", "ize", 3],
  ["fulness", "ful", 3],
  ["iveness", "ive", 3],
  ["ousness", "ous", 3],
  ["ation", "ate", 3],
  ["ement", "", 4],
  ["ment", "", 4],
  ["ness", "", 3],
  ["ingly", "", 3],
  ["edly", "", 3],
  ["ing", "", 3],
  ["ity", "", 4],
  ["ed", "", 3],
  ["ly", "", 4],
  ["al", "", 5],
];

/** A light English stemmer: plurals, then one derivational/inflectional suffix, then a final "e". */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  let w = word;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const [suffix, replacement, min] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= min) {
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Lower-case words with diacritics removed ("Naïve" → "naive"); letters and digits only. */
export function words(text: string): string[] {
  return text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** 32-bit FNV-1a over `s[from, to)` with a seed, finished with murmur3's fmix32 for well-mixed low bits. */
function hash(s: string, from: number, to: number, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class HashEmbedder implements Embedder {
  readonly id: string;
  readonly maxBatchSize = 1000;
  /** Weighted term counts of the text being embedded, keyed by feature hash; reused across texts. */
  private readonly counts = new Map<number, number>();

  constructor(readonly dimensions = 256) {
    if (!Number.isInteger(dimensions) || dimensions < 8) throw new RangeError(`dimensions must be an integer ≥ 8, got ${dimensions}`);
    this.id = `hash-v1-${dimensions}`;
  }

  async embed(texts: string[], _kind: "document" | "query"): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }

  private add(feature: number, weight: number): void {
    this.counts.set(feature, (this.counts.get(feature) ?? 0) + weight);
  }

  private embedOne(text: string): Float32Array {
    const counts = this.counts;
    counts.clear();
    let previous: string | null = null;
    for (const word of words(text)) {
      if (STOPWORDS.has(word)) {
        previous = null;
        continue;
      }
      const s = stem(word);
      this.add(hash(s, 0, s.length, WORD_SEED), WORD_WEIGHT);
      if (previous !== null) {
        const pair = `${previous} ${s}`;
        this.add(hash(pair, 0, pair.length, PAIR_SEED), PAIR_WEIGHT);
      }
      previous = s;
      // n-grams of the padded word, spreading GRAM_WEIGHT over them so long words do not dominate.
      const padded = `#${word}#`;
      const grams = padded.length - GRAM + 1;
      for (let i = 0; i < grams; i++) this.add(hash(padded, i, i + GRAM, GRAM_SEED), GRAM_WEIGHT / grams);
    }
    const v = new Float32Array(this.dimensions);
    for (const [feature, weight] of counts) {
      // Sublinear tf: the tenth mention of a term says less than the first. Weights below 1 (n-grams) scale linearly.
      const tf = weight > 1 ? 1 + Math.log(weight) : weight;
      // Signed hashing: colliding features cancel in expectation instead of inflating similarity.
      const i = feature % this.dimensions;
      v[i] = (v[i] ?? 0) + (feature & 0x80000000 ? -tf : tf);
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) * inv;
    }
    return v;
  }
}
