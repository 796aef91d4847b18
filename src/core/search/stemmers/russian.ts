// The Snowball stemmer for Russian (snowballstem.org/algorithms/russian/stemmer.html), on folded text (ё → е).
// Used only for text whose language is detected as Russian (../language.ts).

const VOWEL = /[аеиоуыэюя]/;

/** Endings of each class; `true` marks the "group 1" endings that must follow а or я (which stays). */
type Endings = ReadonlyArray<readonly [ending: string, afterAYa: boolean]>;

const g = (group1: string, group2: string): Endings =>
  [...group1.split(" ").filter(Boolean).map((e) => [e, true] as const), ...group2.split(" ").filter(Boolean).map((e) => [e, false] as const)]
    .sort((a, b) => b[0].length - a[0].length);

const PERFECTIVE_GERUND = g("в вши вшись", "ив ивши ившись ыв ывши ывшись");
const ADJECTIVE = g("", "ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею");
const PARTICIPLE = g("ем нн вш ющ щ", "ивш ывш ующ");
const REFLEXIVE = g("", "ся сь");
const VERB = g(
  "ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно",
  "ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь ую ю",
);
const NOUN = g("", "а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ы ь ию ью ю ия ья я");
const SUPERLATIVE = g("", "ейше ейш");
const DERIVATIONAL = g("", "ость ост");

/**
 * The word without its longest ending of `endings` that lies at or after `from`, or null when none does (or the
 * longest needs a preceding а/я that is not there: Snowball does not fall back to a shorter ending).
 */
function strip(word: string, from: number, endings: Endings): string | null {
  for (const [ending, afterAYa] of endings) {
    if (!word.endsWith(ending) || word.length - ending.length < from) continue;
    const rest = word.slice(0, -ending.length);
    if (afterAYa && !(rest.length - 1 >= from && /[ая]$/.test(rest))) return null;
    return rest;
  }
  return null;
}

/** Start of the region after the first non-vowel that follows a vowel, searched from `from`. */
function regionAfter(word: string, from: number): number {
  for (let i = from + 1; i < word.length; i++) if (!VOWEL.test(word[i]!) && VOWEL.test(word[i - 1]!)) return i + 1;
  return word.length;
}

/** The Snowball Russian stem of a lower-case word (ё already folded to е). */
export function stemRussian(word: string): string {
  const firstVowel = word.search(VOWEL);
  if (firstVowel < 0) return word;
  const rv = firstVowel + 1;
  const r2 = regionAfter(word, regionAfter(word, 0) - 1);
  let w = word;
  // Step 1.
  const gerund = strip(w, rv, PERFECTIVE_GERUND);
  if (gerund !== null) w = gerund;
  else {
    w = strip(w, rv, REFLEXIVE) ?? w;
    const adjective = strip(w, rv, ADJECTIVE);
    if (adjective !== null) w = strip(adjective, rv, PARTICIPLE) ?? adjective;
    else w = strip(w, rv, VERB) ?? strip(w, rv, NOUN) ?? w;
  }
  // Step 2.
  if (w.endsWith("и") && w.length - 1 >= rv) w = w.slice(0, -1);
  // Step 3.
  w = strip(w, r2, DERIVATIONAL) ?? w;
  // Step 4.
  if (w.endsWith("нн") && w.length - 2 >= rv) return w.slice(0, -1);
  const superlative = strip(w, rv, SUPERLATIVE);
  if (superlative !== null) return superlative.endsWith("нн") ? superlative.slice(0, -1) : superlative;
  if (w.endsWith("ь") && w.length - 1 >= rv) return w.slice(0, -1);
  return w;
}
