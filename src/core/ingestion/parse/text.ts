// Plain text, Markdown, code and JSON: decode UTF-8 / UTF-16 / ASCII bytes and refuse binary content.
import type { ParseResult } from "../../ports";
import { invalidFile, normalizeNewlines, parsed } from "./document";

// Control characters other than tab/LF/VT/FF/CR/ESC almost never occur in text; above this share it is binary.
const MAX_CONTROL_SHARE = 0.01;
// Enough bytes to tell UTF-16 without a BOM from binary by where the zero bytes fall.
const SNIFF_BYTES = 4096;

// Windows-1252 bytes 0x80–0x9F (the rest of the range maps to the same code point, as in Latin-1).
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** Builds a string from `count` UTF-16 code units, a block at a time (fromCharCode takes them as arguments). */
function fromCodeUnits(count: number, unitAt: (i: number) => number): string {
  const parts: string[] = [];
  const block = new Uint16Array(8192);
  for (let i = 0; i < count; i += block.length) {
    const n = Math.min(block.length, count - i);
    for (let k = 0; k < n; k++) block[k] = unitAt(i + k);
    parts.push(String.fromCharCode(...block.subarray(0, n)));
  }
  return parts.join("");
}

/** UTF-16 code units of `bytes` from byte `from` on (a trailing odd byte is ignored). */
export function decodeUtf16(bytes: Uint8Array, littleEndian: boolean, from: number): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset + from, bytes.byteLength - from);
  return fromCodeUnits(view.byteLength >> 1, (i) => view.getUint16(2 * i, littleEndian));
}

/** Windows-1252 bytes as text, one char per byte. */
export function decodeCp1252(bytes: Uint8Array): string {
  return fromCodeUnits(bytes.length, (i) => {
    const b = bytes[i] ?? 0;
    return b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
  });
}

/** Which UTF-16 byte order a BOM-less buffer with zero bytes looks like, if any. */
export function sniffUtf16(bytes: Uint8Array): "le" | "be" | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  // Mostly-ASCII UTF-16 has a zero in nearly every pair, always on the same side.
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return "le";
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return "be";
  return null;
}

/** More control characters than text has (see MAX_CONTROL_SHARE). */
export function looksBinary(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 27) || c === 0x7f) controls++;
  }
  return controls > Math.max(2, text.length * MAX_CONTROL_SHARE);
}

/** The text in `bytes`, or null when they are not text. Legacy single-byte files are read as Windows-1252. */
export function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decodeUtf16(bytes, true, 2);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decodeUtf16(bytes, false, 2);
  else if (bytes.includes(0)) {
    const order = sniffUtf16(bytes);
    if (order === null) return null;
    text = decodeUtf16(bytes, order === "le", 0);
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      text = decodeCp1252(bytes);
    }
  }
  if (text.includes("\0") || looksBinary(text)) return null;
  return normalizeNewlines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

export function parseText(bytes: Uint8Array): ParseResult {
  const text = decodeText(bytes);
  return text === null ? invalidFile("It does not contain UTF-8, UTF-16 or ASCII text.") : parsed(text);
}
