// Regex matches over a file's parsed text, scanned in bounded windows so that no single RegExp exec sees more than
// GREP_WINDOW_CHARS + MAX_MATCH_CHARS characters (JS RegExp cannot be interrupted mid-exec).

/** Characters in which matches may start per exec (ours). */
export const GREP_WINDOW_CHARS = 2048;
/** Longest match reported, in characters: a match running further is cut at this length (ours). */
export const MAX_MATCH_CHARS = 512;
/** Characters before a window that lookbehinds and `^` can see (ours). */
const LOOKBEHIND_CHARS = 64;
/** Most `context_chars` on each side of a match (ours). */
export const MAX_CONTEXT_CHARS = 1000;
/** Characters read from the store object per call. */
const BLOCK_CHARS = 262_144;
/** Wall-clock budget of one grep request, checked at each block read (ours; the clock moves between I/O only). */
export const GREP_TIME_LIMIT_MS = 10_000;

/** One match: `content` is the match with up to `context` characters either side; offsets are the match's. */
export interface GrepMatch {
  content: string;
  start_char: number;
  end_char: number;
}

/** Reads characters [start, end) of the text, and answers the whole text's length. */
export type TextSource = (start: number, end: number) => Promise<{ text: string; length: number }>;

/** A page of matches; `next` is the offset the next page resumes at (the next match's start), null at the end. */
export type GrepPage = { kind: "page"; matches: GrepMatch[]; next: number | null } | { kind: "time_limit" };

/**
 * Matches starting at or after `from`, at most `pageSize` of them, with `context` characters either side.
 * `now` (epoch ms) is the clock the time limit reads.
 */
export async function grepText(read: TextSource, regex: RegExp, from: number, pageSize: number, context: number, now: () => number = Date.now): Promise<GrepPage> {
  const started = now();
  let block = { start: 0, text: "" };
  let length = Infinity;
  const ensure = async (start: number, end: number) => {
    if (start >= block.start && Math.min(end, length) <= block.start + block.text.length) return;
    if (now() - started > GREP_TIME_LIMIT_MS) return "time_limit" as const;
    const begin = Math.max(0, start);
    const got = await read(begin, Math.max(end, begin + BLOCK_CHARS));
    block = { start: begin, text: got.text };
    length = got.length;
    return;
  };
  const slice = (start: number, end: number) => block.text.slice(start - block.start, end - block.start);
  const matches: GrepMatch[] = [];
  let win = from;
  // Start positions of matches already taken (a later window never reports one again).
  let taken = from;
  for (;;) {
    const sliceStart = Math.max(0, win - LOOKBEHIND_CHARS - context);
    if ((await ensure(sliceStart, win + GREP_WINDOW_CHARS + MAX_MATCH_CHARS + context)) === "time_limit") return { kind: "time_limit" };
    if (win >= length) return { kind: "page", matches, next: null };
    const regexStart = Math.max(0, win - LOOKBEHIND_CHARS);
    const regexEnd = Math.min(length, win + GREP_WINDOW_CHARS + MAX_MATCH_CHARS);
    const hay = slice(regexStart, regexEnd);
    const windowEnd = win + GREP_WINDOW_CHARS;
    regex.lastIndex = Math.max(win, taken) - regexStart;
    let nextWin = windowEnd;
    for (;;) {
      const m = regex.exec(hay);
      if (!m) break;
      const start = regexStart + m.index;
      if (start >= windowEnd) break;
      if (m[0].length === 0) {
        regex.lastIndex = m.index + 1;
        continue;
      }
      if (matches.length === pageSize) return { kind: "page", matches, next: start };
      const end = Math.min(start + m[0].length, start + MAX_MATCH_CHARS);
      matches.push({ content: slice(Math.max(0, start - context), Math.min(length, end + context)), start_char: start, end_char: end });
      taken = end;
      nextWin = Math.max(nextWin, end);
      regex.lastIndex = end - regexStart;
    }
    win = nextWin;
  }
}
