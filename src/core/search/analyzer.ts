// The one text analyser for every script: keyword search (index and query), the hash embedder and the rewriter.

/** Scripts written without spaces between words: a run of them must be cut into words (or bigrams) to be searchable. */
const CJK = "\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\u30fc";
const SOUTHEAST_ASIAN = "\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}";
const NO_SPACE = new RegExp(`[${CJK}${SOUTHEAST_ASIAN}]`, "u");
/** A run of CJK, a run of South-East Asian script, or a run of anything else (Latin, digits, Cyrillic, …). */
const PIECE = new RegExp(`([${CJK}]+)|([${SOUTHEAST_ASIAN}]+)|([^${CJK}${SOUTHEAST_ASIAN}]+)`, "gu");
/** Token characters: letters, digits and marks (Devanagari vowel signs and Thai tone marks are marks, inside words). */
const RUN = /[\p{L}\p{N}\p{M}]+/gu;
/**
 * Diacritics removed after canonical decomposition: the Latin/Greek/Cyrillic combining marks (café → cafe,
 * Ελλάδα → ελλαδα, İ → i), the Arabic tatweel and short vowels (harakat, أ → ا). Marks that are letters' vowels
 * in Indic and South-East Asian scripts are not diacritics and stay.
 */
const DIACRITICS = /[\u0300-\u036f\u0640\u064b-\u065f\u0670]/g;

/** Russian й is a letter of its own, not и with a breve: kept out of the decomposition under this private-use stand-in. */
const SHORT_I = "\ue000";

/**
 * Canonical, case- and diacritic-folded form of a text: NFKD (full-width → ASCII, ligatures split), diacritics
 * dropped (but й kept), NFC again (Hangul and kana re-composed), Thai and Lao SARA AM re-composed (NFKD splits it
 * and NFC does not join it back, which breaks dictionary words like สำนักงาน), lower case, final sigma and ß folded.
 */
export function fold(text: string): string {
  // NFKD is the slow step; ASCII text has nothing to decompose.
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
  const shortI = /[йЙ]/.test(text);
  let t = shortI ? text.replace(/[йЙ]/g, SHORT_I) : text;
  t = t.normalize("NFKD").replace(DIACRITICS, "").normalize("NFC").toLowerCase().replaceAll("ς", "σ").replaceAll("ß", "ss");
  t = t.replaceAll("\u0e4d\u0e32", "\u0e33").replaceAll("\u0ecd\u0eb2", "\u0eb3");
  return shortI ? t.replaceAll(SHORT_I, "й") : t;
}

// Word segmentation with the runtime's ICU dictionaries (workerd and Node have them; PLATFORM.md); bigrams otherwise.
let segmenter: Intl.Segmenter | null | undefined;
function wordSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter("und", { granularity: "word" }) : null;
  return segmenter;
}

/**
 * Overlapping character bigrams of a run (a single character stays a unigram), as search engines' CJK analysers
 * index Chinese and Japanese: unlike dictionary words they do not depend on the context a word appears in
 * (ICU cuts 机房 into 机 / 房 inside one sentence and keeps it whole in another), so a query matches its text.
 */
function bigrams(run: string, out: string[]): void {
  const chars = [...run];
  if (chars.length === 1) out.push(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
}

/** Dictionary words of a Thai, Lao, Khmer or Myanmar run; bigrams where the runtime cannot segment. */
function words(run: string, out: string[]): void {
  const seg = wordSegmenter();
  if (!seg) return bigrams(run, out);
  for (const s of seg.segment(run)) if (s.isWordLike) out.push(s.segment);
}

/**
 * Text → search terms, in order (duplicates kept: term frequency counts). Folded (see fold()), cut at everything
 * but letters, digits and marks (`INV-7731-QX` → inv, 7731, qx); runs of Chinese and Japanese become overlapping
 * bigrams, runs of Thai, Lao, Khmer and Myanmar dictionary words; a Latin code inside them stays one term
 * (`重跑gen-itgc后` → 重跑, gen, itgc, 后). No stemming here: language.ts stems where the language is known.
 */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const m of fold(text).matchAll(RUN)) {
    const run = m[0];
    if (!NO_SPACE.test(run)) {
      out.push(run);
      continue;
    }
    for (const p of run.matchAll(PIECE)) {
      if (p[1]) bigrams(p[1], out);
      else if (p[2]) words(p[2], out);
      else if (p[3]) out.push(p[3]);
    }
  }
  return out;
}

/** True when `text` contains a script written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar). */
export function hasNoSpaceScript(text: string): boolean {
  return NO_SPACE.test(text);
}

/**
 * A word as a reader writes it, cut where a script without spaces meets another (`重跑gen-itgc后` → 重跑, gen-itgc,
 * 后) and with each run of such a script cut into dictionary words (`请帮我找设备清单` → 请, 帮, 我, 找, 设备, 清单).
 * Spelling is kept (no folding): the keyword rewrite shows these words to the user.
 */
export function readableWords(word: string): string[] {
  if (!NO_SPACE.test(word)) return [word];
  const out: string[] = [];
  const seg = wordSegmenter();
  for (const p of word.matchAll(PIECE)) {
    const run = p[1] ?? p[2];
    if (run === undefined || !seg) out.push(p[0]);
    else for (const s of seg.segment(run)) if (s.isWordLike) out.push(s.segment);
  }
  return out;
}
