// A light stemmer for Arabic (Larkey, Ballesteros and Connell, "Light Stemming for Arabic Information Retrieval",
// 2007: "light10"), on folded text (short vowels and tatweel removed, hamza forms of alef → ا).
// Used only for text whose language is detected as Arabic (../language.ts).

/** Definite-article prefixes, longest first: "the", "and the", "with the", "like the", "so the", "for the". */
const ARTICLES = ["وال", "بال", "كال", "فال", "لل", "ال"];
/** Suffixes, in light10's order (ية and ة already folded to يه and ه): each removed once, while two letters remain. */
const SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/** The light10 stem of an Arabic word: و (and) and the article off the front, common suffixes off the end. */
export function stemArabic(word: string): string {
  // ى → ي and ة → ه, as light10 normalises before stemming.
  let w = word.replaceAll("ى", "ي").replaceAll("ة", "ه");
  if (w.startsWith("و") && w.length >= 4) w = w.slice(1);
  for (const a of ARTICLES) {
    if (w.startsWith(a) && w.length - a.length >= 2) {
      w = w.slice(a.length);
      break;
    }
  }
  for (const s of SUFFIXES) if (w.endsWith(s) && w.length - s.length >= 2) w = w.slice(0, -s.length);
  return w;
}
