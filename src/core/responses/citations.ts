// Citation marks → file_citation annotations: the model cites numbered sources as [n]; Shelf removes the marks.

/** A numbered source shown to the model: its number is its position in the table plus one. */
export interface CitedSource {
  fileId: string;
  filename: string;
}

/** OpenAI's file citation annotation; `index` is the code-point offset in the cleaned text where the mark stood. */
export interface FileCitation {
  type: "file_citation";
  file_id: string;
  filename: string;
  index: number;
}

/** `[3]`, `[3, 5]`, `【3】` and runs of them such as `[3][5]`; one optional leading space belongs to the mark. */
const MARK = /( ?)((?:(?:\[\s*\d+(?:\s*,\s*\d+)*\s*\])|(?:【\s*\d+(?:\s*,\s*\d+)*\s*】))+)/gu;

/**
 * Removes the citation marks whose every number is in `sources` (1-based) and returns one annotation per cited
 * number, in order; a mark naming an unknown number (say "[2024]") is left as text. `index` counts code points.
 */
export function extractCitations(text: string, sources: readonly CitedSource[]): { text: string; annotations: FileCitation[] } {
  let out = "";
  let last = 0;
  const annotations: FileCitation[] = [];
  for (const match of text.matchAll(MARK)) {
    const numbers = [...match[2]!.matchAll(/\d+/g)].map((m) => Number(m[0]));
    if (numbers.some((n) => n < 1 || n > sources.length)) continue;
    out += text.slice(last, match.index);
    last = match.index + match[0].length;
    const index = [...out].length;
    for (const n of numbers) {
      const source = sources[n - 1]!;
      annotations.push({ type: "file_citation", file_id: source.fileId, filename: source.filename, index });
    }
  }
  out += text.slice(last);
  return { text: out, annotations };
}
