// Deterministic offline embedder: signed feature hashing of analysed words (stemmed where the language is known)
// and their character n-grams.
import type { Embedder } from "../ports";
import { analyze } from "../search/analyzer";
import { detectLanguage, stemFor, type Language } from "../search/language";

// Feature weights, tuned on SciFact (nDCG@10, alone and fused with FTS5 BM25, as bench/search-quality.ts measures):
// character n-grams carry what a keyword index lacks (morphology, spelling variants "tumour"/"tumor", "IL6"/"IL-6"),
// so the n-grams of one word share a weight of 4 against 1 for the word itself. Word pairs and a word-length prior
// were tried and lost: pairs only add collisions.
const WORD_WEIGHT = 1;
// Tokens mixing letters and digits (gene and protein names, "p53", "cd33") are rare and specific.
const CODE_WEIGHT = 1.5;
const GRAM_WEIGHT = 4;
const GRAM = 4;
// Word → features memo: words repeat (Zipf), so most tokens skip stemming and n-gram hashing.
const WORD_CACHE_LIMIT = 100_000;

// Seeds keep the two feature families in separate hash spaces.
const WORD_SEED = 0x9e3779b1;
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

/** The hashed features of one word and their weights: [feature, weight, feature, weight, ...]. */
function wordFeatures(word: string, language: Language | null): Float64Array {
  const s = stemFor(language, word);
  const padded = `#${word}#`;
  const grams = Math.max(0, padded.length - GRAM + 1);
  const out = new Float64Array(2 + 2 * grams);
  out[0] = hash(s, 0, s.length, WORD_SEED);
  out[1] = /\d/.test(word) && /\p{L}/u.test(word) ? CODE_WEIGHT : WORD_WEIGHT;
  for (let i = 0; i < grams; i++) {
    out[2 + 2 * i] = hash(padded, i, i + GRAM, GRAM_SEED);
    out[3 + 2 * i] = GRAM_WEIGHT / grams;
  }
  return out;
}

const NO_FEATURES = new Float64Array(0);
const wordCache = new Map<string, Float64Array>();

function featuresOf(word: string, language: Language | null): Float64Array {
  const key = language ? `${language}:${word}` : word;
  let f = wordCache.get(key);
  if (f === undefined) {
    f = STOPWORDS.has(word) ? NO_FEATURES : wordFeatures(word, language);
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(key, f);
  }
  return f;
}

/** Scales `v` to unit length (all zeros stays zeros), so cosine similarity is a dot product. */
export function normalizeInPlace(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) * inv;
  }
  return v;
}

/**
 * Summed weight per feature of one text: open addressing over typed arrays, because a Map keyed by 32-bit hashes
 * boxes every key above 2^30 and spends more time collecting garbage than counting.
 */
class FeatureWeights {
  private keys = new Int32Array(1 << 12);
  private values = new Float64Array(1 << 12);
  /** Filled slots in insertion order, so draining costs the text's features, not the table's size. */
  private filled = new Int32Array(1 << 11);
  private size = 0;

  add(feature: number, weight: number): void {
    // 0 marks an empty slot; folding feature 0 into 1 is one collision in 2^32.
    const key = feature | 0 || 1;
    const mask = this.keys.length - 1;
    let i = key & mask;
    while (this.keys[i] !== 0 && this.keys[i] !== key) i = (i + 1) & mask;
    if (this.keys[i] === 0) {
      if (this.size === this.filled.length) {
        this.grow();
        this.add(feature, weight);
        return;
      }
      this.keys[i] = key;
      this.filled[this.size++] = i;
    }
    this.values[i] = (this.values[i] ?? 0) + weight;
  }

  /** Calls `fn` for every feature, then empties the table. */
  drain(fn: (feature: number, weight: number) => void): void {
    for (let n = 0; n < this.size; n++) {
      const i = this.filled[n] ?? 0;
      fn((this.keys[i] ?? 0) >>> 0, this.values[i] ?? 0);
      this.keys[i] = 0;
      this.values[i] = 0;
    }
    this.size = 0;
  }

  /** Doubles the table, keeping the load factor at most 1/2. */
  private grow(): void {
    const { keys, values, filled, size } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Float64Array(keys.length * 2);
    this.filled = new Int32Array(filled.length * 2);
    this.size = 0;
    for (let n = 0; n < size; n++) {
      const i = filled[n] ?? 0;
      this.add(keys[i] ?? 0, values[i] ?? 0);
    }
  }
}

export class HashEmbedder implements Embedder {
  readonly id: string;
  readonly maxBatchSize = 1000;
  private readonly weights = new FeatureWeights();

  constructor(readonly dimensions = 256) {
    if (!Number.isInteger(dimensions) || dimensions < 8) throw new RangeError(`dimensions must be an integer ≥ 8, got ${dimensions}`);
    this.id = `hash-v1-${dimensions}`;
  }

  async embed(texts: string[], _kind: "document" | "query"): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }

  private embedOne(text: string): Float32Array {
    const terms = analyze(text);
    const language = detectLanguage(terms);
    for (const word of terms) {
      const f = featuresOf(word, language);
      for (let i = 0; i < f.length; i += 2) this.weights.add(f[i] ?? 0, f[i + 1] ?? 0);
    }
    const v = new Float32Array(this.dimensions);
    this.weights.drain((feature, weight) => {
      // Sublinear tf: the tenth mention of a term says less than the first.
      const tf = weight > 1 ? 1 + Math.log(weight) : weight;
      // Signed hashing: colliding features cancel in expectation instead of inflating similarity.
      const i = feature % this.dimensions;
      v[i] = (v[i] ?? 0) + (feature & 0x80000000 ? -tf : tf);
    });
    return normalizeInPlace(v);
  }
}
