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

/**
 * One citation group: `[3]`, `[3, 5]` or `【3】` — a bracket, up to 4 numbers of up to 3 digits, comma-separated with
 * one optional space, one optional space inside each bracket. Bounded on purpose, so a mark is at most
 * MAX_MARK_LENGTH code units long and a streaming parser never holds back more than that (notes §7.4).
 */
const GROUP = String.raw`(?:\[ ?\d{1,3}(?:, ?\d{1,3}){0,3} ?\]|【 ?\d{1,3}(?:, ?\d{1,3}){0,3} ?】)`;

/** A mark: one optional leading space (which belongs to the mark) and one or two adjacent groups (`[3][5]`). */
const MARK = new RegExp(String.raw`( ?)(${GROUP}{1,2})`, "gu");

/** The longest mark, in UTF-16 code units: a space and two groups of 22 ("[ 123, 123, 123, 123 ]"). */
export const MAX_MARK_LENGTH = 45;

/** An unclosed group: `[`, `【 1`, `[1,`, `[1, 23 `. */
const OPEN_GROUP = String.raw`[\[【] ?(?:\d{1,3}(?:, ?\d{1,3}){0,3}(?:,? ?)?)?`;

/** A text that may still become the start of a mark: "", " ", an unclosed group with its optional leading space. */
export const MARK_START = new RegExp(String.raw`^ ?(?:${OPEN_GROUP})?$`, "u");

/** What may still follow a one-group mark and extend it ("[3]" + "[5]"): "", or an unclosed group. */
export const MARK_EXTENSION = new RegExp(String.raw`^(?:${OPEN_GROUP})?$`, "u");

/** Every mark of `text`, in order (the one pattern both extractCitations and the streaming parser use). */
export function findMarks(text: string): { index: number; end: number; groups: number; numbers: number[] }[] {
  return [...text.matchAll(MARK)].map((m) => ({
    index: m.index,
    end: m.index + m[0].length,
    groups: [...m[2]!.matchAll(/[\]】]/g)].length,
    numbers: [...m[2]!.matchAll(/\d+/g)].map((d) => Number(d[0])),
  }));
}

/**
 * Removes the citation marks whose every number is in `sources` (1-based) and returns one annotation per cited
 * number, in order; a mark naming an unknown number (say "[2024]") is left as text. `index` counts code points.
 */
export function extractCitations(text: string, sources: readonly CitedSource[]): { text: string; annotations: FileCitation[] } {
  let out = "";
  let last = 0;
  const annotations: FileCitation[] = [];
  for (const mark of findMarks(text)) {
    if (mark.numbers.some((n) => n < 1 || n > sources.length)) continue;
    out += text.slice(last, mark.index);
    last = mark.end;
    const index = [...out].length;
    for (const n of mark.numbers) {
      const source = sources[n - 1]!;
      annotations.push({ type: "file_citation", file_id: source.fileId, filename: source.filename, index });
    }
  }
  out += text.slice(last);
  return { text: out, annotations };
}
