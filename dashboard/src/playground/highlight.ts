// Which parts of a result's text match the query's terms, as segments to render as text and <mark> nodes.

/** A piece of text; `match` marks a query term. Rendered as text nodes, never as HTML. */
export interface Segment {
  text: string;
  match: boolean;
}

// Scripts written without spaces between words: a term matches anywhere inside the text, not at a word start.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
// A small English stopword list, so "the" or "of" in a question does not light up every line.
const STOPWORDS = new Set("a an and are as at be by for from how in is it of on or that the this to was what when where which who why with".split(" "));

/** Lower case without diacritics (café → cafe, Straße → strasse), as Shelf's analyzer folds text. */
export function fold(s: string): string {
  return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss");
}

/** The distinct folded terms of the queries: words (letters, digits, inner - . _), stopwords and 1-letter words left out. */
export function queryTerms(queries: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const q of queries)
    for (const word of fold(q).match(/[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)*/gu) ?? [])
      if (!STOPWORDS.has(word) && (word.length > 1 || UNSPACED.test(word))) terms.add(word);
  return [...terms];
}

/**
 * Splits `text` into segments where the folded `terms` occur: case and diacritics are ignored; in spaced scripts a
 * term matches at a word start (so "leave" marks "Leaves"); overlapping matches merge.
 */
export function highlightSegments(text: string, terms: readonly string[]): Segment[] {
  if (text === "" || terms.length === 0) return text === "" ? [] : [{ text, match: false }];
  // Fold per code point and remember where each folded character came from, since folding can change lengths.
  let folded = "";
  const origin: number[] = [];
  let offset = 0;
  for (const ch of text) {
    const f = fold(ch);
    for (let i = 0; i < f.length; i++) origin.push(offset);
    folded += f;
    offset += ch.length;
  }
  origin.push(text.length);
  const marked = new Uint8Array(text.length);
  for (const term of terms) {
    const anywhere = UNSPACED.test(term);
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
      if (!anywhere && at > 0 && WORD_CHAR.test(folded[at - 1]!)) continue;
      const endFolded = at + term.length;
      // Extend to the end of the original character the match ends in.
      let end = origin[endFolded]!;
      if (endFolded > 0 && origin[endFolded - 1] === end) end = origin.find((o, i) => i > endFolded && o > end) ?? text.length;
      marked.fill(1, origin[at]!, end);
    }
  }
  const segments: Segment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked[i] !== marked[start]) {
      segments.push({ text: text.slice(start, i), match: marked[start] === 1 });
      start = i;
    }
  }
  return segments;
}
