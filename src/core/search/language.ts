// Which language a text is in, from its function words, and that language's stemmer: stem only where it is known.
import { analyze, fold } from "./analyzer";
import { stemArabic } from "./stemmers/arabic";
import { stemEnglish } from "./stemmers/english";
import { stemRussian } from "./stemmers/russian";

/** Languages with a stemmer here. Others (and text too short to tell) are searched unstemmed. */
export type Language = "en" | "ru" | "ar";
export const LANGUAGES: readonly Language[] = ["en", "ru", "ar"];

/**
 * Each language's most frequent function word: a store in which more than half the chunks contain it is written
 * in that language (search-table.ts reads this from FTS5's document frequencies; no other state needed).
 */
export const MARKER_WORDS: Readonly<Record<Language, string>> = { en: "the", ru: "и", ar: "في" };

/**
 * Frequent function words that are rare in the other languages (folded as analyze() folds them). Words that are
 * also common in languages without a stemmer here (Spanish "a", German "in", Dutch "is") are left out, so that
 * such text does not pass for English.
 */
const FUNCTION_WORDS: Record<Language, ReadonlySet<string>> = {
  en: new Set("the of and to that for with was were are this which from by be been have has had not but their what how who when where does did why whose".split(" ")),
  ru: new Set("и в не на что с по как это из к у за от для же то о его но она они так был была были бы до или какой какие каком когда кто где сколько чем при".split(" ").map(fold)),
  ar: new Set("في من على الى إلى عن أن ان التي الذي هذا هذه كان كانت ما ماذا لا مع هو هي ذلك بين متى كيف اين أين هل".split(" ").map(fold)),
};

const STEMMERS: Record<Language, (word: string) => string> = { en: stemEnglish, ru: stemRussian, ar: stemArabic };

/**
 * The language of analysed terms (analyze()), or null: the language with the most function words, when it has at
 * least one and more than any other. A question ("what is the …", "какой …", "ما هو …") has one; a claim with
 * none ("0-dimensional biomaterials show inductive properties") is searched unstemmed, which still matches the
 * unstemmed terms every chunk also carries (see indexTerms()).
 */
export function detectLanguage(terms: readonly string[]): Language | null {
  let best: Language | null = null;
  let bestHits = 0;
  let tie = false;
  for (const lang of Object.keys(FUNCTION_WORDS) as Language[]) {
    const words = FUNCTION_WORDS[lang];
    let hits = 0;
    for (const t of terms) if (words.has(t)) hits++;
    if (hits > bestHits) [best, bestHits, tie] = [lang, hits, false];
    else if (hits === bestHits && hits > 0) tie = true;
  }
  return tie ? null : best;
}

/** Word → stem memo per language: words repeat (Zipf), so most terms skip the suffix rules. */
const STEM_CACHE_LIMIT = 100_000;
const stemCache: Record<Language, Map<string, string>> = { en: new Map(), ru: new Map(), ar: new Map() };

/** The stem of an analysed term in `language`; the term itself when the language is unknown or it has no letters to stem. */
export function stemFor(language: Language | null, term: string): string {
  if (!language || /^\p{N}+$/u.test(term)) return term;
  const cache = stemCache[language];
  let stem = cache.get(term);
  if (stem === undefined) {
    stem = STEMMERS[language](term);
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(term, stem);
  }
  return stem;
}

/**
 * The terms a chunk is indexed with: every analysed term, and, when the chunk's language is known, each term's
 * stem where it differs. A query then matches a chunk by exact words in any language, and by stems when both are
 * in the same known language (exact matches count twice, as they should).
 */
export function indexTerms(terms: readonly string[]): string[] {
  const language = detectLanguage(terms);
  if (!language) return [...terms];
  const out = [...terms];
  for (const t of terms) {
    const s = stemFor(language, t);
    if (s !== t) out.push(s);
  }
  return out;
}

/** A chunk's text as FTS5 stores it (`chunks_terms`, tokenised by `ascii`): indexTerms() of its analysis, space-joined. */
export function indexText(text: string): string {
  return indexTerms(analyze(text)).join(" ");
}
