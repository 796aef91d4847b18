// Plain text (also Markdown, code, JSON) read in byte ranges of its R2 object: one window per slice, never the whole file.
import { readFileRange } from "../files/file-blobs";
import type { TextCursor } from "../store-object/slices";
import { formatOf } from "./file-types";
import { decodeCp1252, decodeUtf16, looksBinary, sniffUtf16 } from "./parse/text";
import { normalizeNewlines } from "./parse/document";

/**
 * Bytes read per slice. 4 MiB decodes to at most 8 MB of UTF-16 string, far inside an invocation's 128 MB, and
 * holds 200 chunks of 4,096 tokens of ordinary text (≈ 4 bytes per token) with room for the chunker's look-ahead.
 */
export const TEXT_WINDOW_BYTES = 4 * 1024 * 1024;

/** Text files larger than one window are streamed; smaller ones are decoded whole (one read per slice). */
export function streamsText(filename: string, bytes: number): boolean {
  return formatOf(filename) === "text" && bytes > TEXT_WINDOW_BYTES;
}

/** One window of a text file, decoded and with newlines normalized (CRLF and CR → LF), as parseText does. */
export interface TextWindow {
  text: string;
  /** True when the window reaches the end of the file. */
  final: boolean;
  encoding: TextCursor["encoding"];
  /** Byte offset in the file of char offset `char` of `text`. */
  byteAt(char: number): number;
}

export type TextWindowResult = TextWindow | { failed: "invalid_file"; message: string } | null;

const NOT_TEXT = "The file could not be parsed. It does not contain UTF-8, UTF-16 or ASCII text.";
const SNIFF_BYTES = 4096;

/** The encoding a file's first bytes announce, and how many BOM bytes to skip; null for binary. */
function detect(head: Uint8Array): { encoding: TextCursor["encoding"]; skip: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  if (!head.subarray(0, SNIFF_BYTES).includes(0)) return { encoding: "utf-8", skip: 0 };
  const order = sniffUtf16(head);
  return order === null ? null : { encoding: order === "le" ? "utf-16le" : "utf-16be", skip: 0 };
}

/** Length of a cut-off UTF-8 sequence at the end of `bytes` (0 when the last sequence is whole). */
function partialUtf8Tail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** UTF-8 bytes of raw[0, end). */
function utf8Length(raw: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if ((c & 0xfc00) === 0xd800 && i + 1 < end && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The index in `raw` of char `char` of normalizeNewlines(raw): each CRLF pair is one char there. */
function rawIndex(raw: string, char: number): number {
  if (!raw.includes("\r")) return char;
  let i = 0;
  for (let n = 0; n < char; n++) i += raw.charCodeAt(i) === 13 && raw.charCodeAt(i + 1) === 10 ? 2 : 1;
  return i;
}

/**
 * Reads the window of `fileId` that starts at `cursor` (the file's start when undefined) with one ranged R2 read
 * of at most TEXT_WINDOW_BYTES. A UTF-8 window that is not valid UTF-8 is read as Windows-1252, as parseText reads
 * such a file. Null when the object is gone; `failed` when the bytes are not text.
 */
export async function readTextWindow(bucket: R2Bucket, fileId: string, size: number, cursor: TextCursor | undefined): Promise<TextWindowResult> {
  const offset = cursor?.byte ?? 0;
  const length = Math.min(TEXT_WINDOW_BYTES, size - offset);
  const read = await readFileRange(bucket, fileId, offset, length);
  if (!read) return null;
  let bytes = read;
  const final = offset + bytes.length >= size;
  let base = offset;
  let encoding = cursor?.encoding;
  if (!encoding) {
    const found = detect(bytes);
    if (!found) return { failed: "invalid_file", message: NOT_TEXT };
    encoding = found.encoding;
    bytes = bytes.subarray(found.skip);
    base += found.skip;
  }
  let raw: string;
  let bytesOf: (raw: string, end: number) => number;
  if (encoding === "utf-8") {
    if (!final) bytes = bytes.subarray(0, bytes.length - partialUtf8Tail(bytes));
    try {
      raw = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      bytesOf = utf8Length;
    } catch {
      raw = decodeCp1252(bytes);
      bytesOf = (_, end) => end;
    }
  } else {
    raw = decodeUtf16(bytes, encoding === "utf-16le", 0);
    // A high surrogate at a window's end belongs with the low one at the next window's start.
    if (!final && (raw.charCodeAt(raw.length - 1) & 0xfc00) === 0xd800) raw = raw.slice(0, -1);
    bytesOf = (_, end) => 2 * end;
  }
  // A CR at a window's end may be half of a CRLF: leave it to the next window.
  if (!final && raw.endsWith("\r")) raw = raw.slice(0, -1);
  if (raw.includes("\0") || looksBinary(raw)) return { failed: "invalid_file", message: NOT_TEXT };
  const decoded = raw;
  return { text: normalizeNewlines(raw), final, encoding, byteAt: (char) => base + bytesOf(decoded, rawIndex(decoded, char)) };
}
