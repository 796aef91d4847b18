// Token chunking (cl100k) with overlap, boundary-aware cuts, char offsets and page ranges, resumable in slices.
import type { Chunk, ChunkingOptions, ParsedDocument } from "../ports";

export interface ChunkSlice {
  /** Where to resume: 0, or the `next.startChar` of the previous slice. */
  startChar: number;
  /** Index of the first chunk this slice produces. */
  firstIndex: number;
  maxChunks: number;
  /**
   * The text is a window of a longer document (a byte range of a streamed file): no chunk is cut where the window
   * ends. Chunking stops once a chunk could reach within `lookAhead` chars of the end, and `next` says where the
   * following window resumes. Needs a window longer than `lookAhead` to make progress.
   */
  partial?: boolean;
}

export interface ChunkCursor {
  startChar: number;
  firstIndex: number;
}

export interface ChunkTextResult {
  chunks: Chunk[];
  /** Where the next slice starts; null when the document is fully chunked. */
  next: ChunkCursor | null;
}

export const MIN_CHUNK_TOKENS = 16;

// A cut is looked for in the last quarter of the window, so a chunk is at least ~75% full unless the text ends.
const BOUNDARY_ZONE = 0.25;
// How far the boundary classifier looks through a whitespace run; keeps it O(1) per candidate.
const WS_LOOK = 64;
// Piece→token-count memo: words repeat (Zipf), so most pieces skip BPE. Bounded to cap isolate memory (128 MB).
const COUNT_CACHE_LIMIT = 100_000;
const CACHED_PIECE_CHARS = 64;

type Tokenizer = typeof import("gpt-tokenizer/encoding/cl100k_base");
interface Loaded {
  tk: Tokenizer;
  split: RegExp;
}

let loading: Promise<Loaded> | undefined;
const countCache = new Map<string, number>();

// The tokenizer builds its rank tables when its module is evaluated (~70 ms); keep that out of Worker startup.
function load(): Promise<Loaded> {
  loading ??= Promise.all([
    import("gpt-tokenizer/encoding/cl100k_base"),
    import("gpt-tokenizer/encodingParams/constants"),
  ])
    .then(([tk, constants]) => ({ tk, split: new RegExp(constants.CL100K_TOKEN_SPLIT_REGEX.source, "gu") }))
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

// Special-token strings in user text are ordinary text, never control tokens (and must not throw).
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** cl100k token count of `text`, treating special-token strings as plain text. */
export async function countTokens(text: string): Promise<number> {
  const lib = await load();
  // Same sum as encoding the whole text (BPE never crosses pieces), but repeated pieces come from the memo.
  let n = 0;
  lib.split.lastIndex = 0;
  for (let m = lib.split.exec(text); m !== null; m = lib.split.exec(text)) n += pieceTokens(lib.tk, m[0]);
  return n;
}

function pieceTokens(tk: Tokenizer, piece: string): number {
  let n = countCache.get(piece);
  if (n === undefined) {
    n = tk.countTokens(piece, PLAIN_TEXT);
    // Long pieces (whitespace runs, CJK) rarely repeat; keeping them would only hold memory.
    if (piece.length <= CACHED_PIECE_CHARS) {
      if (countCache.size >= COUNT_CACHE_LIMIT) countCache.clear();
      countCache.set(piece, n);
    }
  }
  return n;
}

function isWs(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x3000 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x1680 || code === 0x202f || code === 0x205f;
}

function trimEnd(text: string, end: number): number {
  while (isWs(text.charCodeAt(end - 1))) end--;
  return end;
}

const LETTER = /\p{L}/u;
const FLAG_WS = 1;
const FLAG_SPLIT = 2;

/**
 * The text as a lazy stream of units: cl100k pre-tokenizer pieces (BPE never merges across them, so a run of whole
 * pieces re-encodes to exactly the sum of their counts), with pieces longer than `maxUnitChars` cut into blocks so a
 * window can always be cut (long CJK runs, whitespace runs).
 */
class Units {
  start: number[] = [];
  end: number[] = [];
  tokens: number[] = [];
  flags: number[] = [];
  /** Absolute index of array slot 0; the consumed prefix is dropped to bound memory on big texts. */
  base = 0;
  private pos: number;
  private done = false;

  constructor(
    private readonly text: string,
    from: number,
    private readonly lib: Loaded,
    private readonly maxUnitChars: number,
  ) {
    this.pos = from;
  }

  /** True if unit i exists, scanning as far as needed. */
  has(i: number): boolean {
    while (i - this.base >= this.end.length && !this.done) this.scan();
    return i - this.base < this.end.length;
  }

  startOf(i: number): number {
    return this.start[i - this.base] ?? 0;
  }
  endOf(i: number): number {
    return this.end[i - this.base] ?? 0;
  }
  tokensOf(i: number): number {
    return this.tokens[i - this.base] ?? 0;
  }
  isWs(i: number): boolean {
    return ((this.flags[i - this.base] ?? 0) & FLAG_WS) !== 0;
  }
  isSplit(i: number): boolean {
    return ((this.flags[i - this.base] ?? 0) & FLAG_SPLIT) !== 0;
  }

  drop(before: number): void {
    const n = before - this.base;
    if (n < 4096) return;
    for (const a of [this.start, this.end, this.tokens, this.flags]) a.splice(0, n);
    this.base = before;
  }

  private scan(): void {
    const { text, lib } = this;
    if (this.pos >= text.length) {
      this.done = true;
      return;
    }
    lib.split.lastIndex = this.pos;
    const m = lib.split.exec(text);
    // The split regex matches at every position; a gap would only come from a changed upstream regex.
    const s = this.pos;
    const e = m && m.index === s ? s + m[0].length : text.length;
    this.pos = e;
    const piece = text.slice(s, e);
    if (piece.length <= this.maxUnitChars) {
      const ws = isWs(piece.charCodeAt(0)) && (piece.length === 1 || isWs(piece.charCodeAt(1)));
      this.push(s, e, pieceTokens(lib.tk, piece), ws ? FLAG_WS : 0);
      return;
    }
    // Fixed-size blocks from the piece start, so a resume at any block boundary re-creates the same blocks.
    // A final block of one code point is merged into the previous one: alone it could re-scan as part of the
    // following piece (e.g. "-" + "word").
    let a = s;
    while (a < e) {
      let b = Math.min(e, a + this.maxUnitChars);
      if (b < e && (text.charCodeAt(b) & 0xfc00) === 0xdc00) b++;
      const rest = e - b;
      if (rest > 0 && (rest === 1 || (rest === 2 && (text.charCodeAt(b) & 0xfc00) === 0xd800))) b = e;
      const block = text.slice(a, b);
      this.push(a, b, pieceTokens(lib.tk, block), /\S/.test(block) ? FLAG_SPLIT : FLAG_WS | FLAG_SPLIT);
      a = b;
    }
  }

  private push(s: number, e: number, tokens: number, flags: number): void {
    this.start.push(s);
    this.end.push(e);
    this.tokens.push(tokens);
    this.flags.push(flags);
  }
}

const SENTENCE_END = new Set([".", "!", "?", "。", "！", "？", "…"]);
const CLOSERS = new Set(['"', "'", ")", "]", "”", "’", "»", "」", "』"]);

/** How good a cut at char `p` is: 4 paragraph, 3 sentence end, 2 line break, 1 whitespace, 0 inside a word. */
function boundaryLevel(text: string, p: number): number {
  let lo = p;
  while (lo > 0 && p - lo < WS_LOOK && isWs(text.charCodeAt(lo - 1))) lo--;
  let hi = p;
  while (hi < text.length && hi - p < WS_LOOK && isWs(text.charCodeAt(hi))) hi++;
  let newlines = 0;
  for (let i = lo; i < hi; i++) if (text.charCodeAt(i) === 10) newlines++;
  if (newlines >= 2) return 4;
  let q = lo - 1;
  while (q > 0 && CLOSERS.has(text[q] ?? "")) q--;
  const ch = text[q] ?? "";
  if (SENTENCE_END.has(ch) && (hi > lo || hi >= text.length || ch.charCodeAt(0) > 0x3000)) return 3;
  if (newlines === 1) return 2;
  return hi > lo || hi >= text.length ? 1 : 0;
}

function pageOf(pageStarts: number[], offset: number): number {
  let lo = 0;
  let hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((pageStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function checkOptions({ maxTokens, overlapTokens }: ChunkingOptions): void {
  if (!Number.isInteger(maxTokens) || maxTokens < MIN_CHUNK_TOKENS)
    throw new RangeError(`maxTokens must be an integer ≥ ${MIN_CHUNK_TOKENS}, got ${maxTokens}`);
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0 || overlapTokens > maxTokens / 2)
    throw new RangeError(`overlapTokens must be an integer in [0, maxTokens/2], got ${overlapTokens}`);
}

interface Span {
  startChar: number;
  endChar: number;
  tokenCount: number;
  /** Last unit kept; earlier than the window's cut when trimming or a re-count pushed the span over max. */
  last: number;
}

/** Char span and exact token count of units [a, last] without edge whitespace. */
function measure(u: Units, tk: Tokenizer, text: string, a: number, last: number): Span {
  let tokenCount = 0;
  let recount = false;
  for (let i = a; i <= last; i++) {
    tokenCount += u.tokensOf(i);
    recount ||= u.isSplit(i);
  }
  // Edge units may carry whitespace (" word", ".\n\n"): trim it and re-count just those pieces.
  let startChar = u.startOf(a);
  while (isWs(text.charCodeAt(startChar))) startChar++;
  const endChar = trimEnd(text, u.endOf(last));
  // " (" trimmed to "(" can re-scan as one piece with the word after it ("(word"): count such chunks for real.
  if (startChar > u.startOf(a) && !LETTER.test(text[startChar] ?? "")) recount = true;
  // Blocks of one long piece were counted apart, and BPE over the joined text may differ.
  if (recount) tokenCount = tk.countTokens(text.slice(startChar, endChar), PLAIN_TEXT);
  else if (a === last) tokenCount = pieceTokens(tk, text.slice(startChar, endChar));
  else {
    if (startChar > u.startOf(a)) tokenCount += pieceTokens(tk, text.slice(startChar, u.endOf(a))) - u.tokensOf(a);
    if (endChar < u.endOf(last)) tokenCount += pieceTokens(tk, text.slice(u.startOf(last), endChar)) - u.tokensOf(last);
  }
  return { startChar, endChar, tokenCount, last };
}

/** The longest span [a, ≤last] within maxTokens: trimming " word" to "word" or a re-count can add a token or two. */
function fit(u: Units, tk: Tokenizer, text: string, a: number, last: number, maxTokens: number): Span {
  let span = measure(u, tk, text, a, last);
  while (span.tokenCount > maxTokens && last > a) {
    do last--;
    while (last > a && u.isWs(last));
    span = measure(u, tk, text, a, last);
  }
  return span;
}

/**
 * Chars a chunk of `maxTokens` tokens can reach past its start: every unit is ≥ 1 token and ≤ 64 chars, and cut
 * detection looks WS_LOOK chars further. A partial window must be longer than this (text-window.ts reads 4 MiB).
 */
export function lookAhead(maxTokens: number): number {
  return maxTokens * CACHED_PIECE_CHARS + 4 * WS_LOOK;
}

/**
 * Splits `doc.text` into chunks of at most `opts.maxTokens` cl100k tokens, consecutive chunks sharing up to
 * `opts.overlapTokens` tokens. With `slice`, produces at most `slice.maxChunks` chunks starting at a cursor;
 * running slices back to back yields the same chunks as one pass.
 */
export async function chunkText(doc: ParsedDocument, opts: ChunkingOptions, slice?: ChunkSlice): Promise<ChunkTextResult> {
  checkOptions(opts);
  const lib = await load();
  const { text, pageStarts } = doc;
  const { maxTokens, overlapTokens } = opts;
  const maxChunks = slice?.maxChunks ?? Number.POSITIVE_INFINITY;
  const firstIndex = slice?.firstIndex ?? 0;
  // A block of n UTF-16 units is at most 3n UTF-8 bytes, hence at most 3n tokens: every unit fits in a chunk.
  const u = new Units(text, slice?.startChar ?? 0, lib, Math.min(64, Math.floor(maxTokens / 3) - 3));
  const minFill = Math.ceil(maxTokens * (1 - BOUNDARY_ZONE));
  const chunks: Chunk[] = [];
  // In a partial window, a unit starting past `stopAt` might be cut short by the window's end.
  const stopAt = slice?.partial ? text.length - lookAhead(maxTokens) : Number.POSITIVE_INFINITY;

  let a = 0;
  while (u.has(a) && u.isWs(a) && u.startOf(a) <= stopAt) a++;
  if (!u.has(a)) return { chunks, next: null };

  while (chunks.length < maxChunks) {
    if (!u.has(a) || u.startOf(a) > stopAt) break;
    // Fill the window [a, j) with whole units, remembering the best boundary in its last quarter.
    let sum = 0;
    let j = a;
    let best = -1;
    let bestLevel = 0;
    while (u.has(j) && sum + u.tokensOf(j) <= maxTokens) {
      sum += u.tokensOf(j);
      if (sum >= minFill) {
        const level = boundaryLevel(text, u.endOf(j));
        if (level > 0 && level >= bestLevel) [best, bestLevel] = [j, level];
      }
      j++;
    }
    let last = !u.has(j) || best < 0 ? j - 1 : best;
    while (last > a && u.isWs(last)) last--;
    const span = fit(u, lib.tk, text, a, last, maxTokens);
    last = span.last;
    chunks.push({
      index: firstIndex + chunks.length,
      text: text.slice(span.startChar, span.endChar),
      startChar: span.startChar,
      endChar: span.endChar,
      tokenCount: span.tokenCount,
      pageStart: pageStarts?.length ? pageOf(pageStarts, span.startChar) : null,
      pageEnd: pageStarts?.length ? pageOf(pageStarts, span.endChar - 1) : null,
    });

    let rest = last + 1;
    while (u.has(rest) && u.isWs(rest)) rest++;
    if (!u.has(rest)) {
      if (!slice?.partial) return { chunks, next: null };
      // Only whitespace to the window's end: the next window starts there (no overlap to carry over blanks).
      a = rest;
      break;
    }
    // The next window starts up to overlapTokens before the cut, always after this window's start.
    let b = last + 1;
    let overlap = 0;
    while (b - 1 > a && overlap + u.tokensOf(b - 1) <= overlapTokens) overlap += u.tokensOf(--b);
    while (u.isWs(b)) b++;
    a = b;
    u.drop(a);
  }
  // Past the last unit only in a partial window whose rest is whitespace: the next window starts after it.
  return { chunks, next: { startChar: u.has(a) ? u.startOf(a) : text.length, firstIndex: firstIndex + chunks.length } };
}
