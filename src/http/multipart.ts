// A streaming multipart/form-data reader: yields part headers and body chunks without buffering the body,
// because `request.formData()` holds the whole upload in memory (Workers isolates have 128 MB).
import { badRequest } from "./errors";

export type MultipartEvent =
  | { type: "part"; name: string; filename: string | null; contentType: string | null }
  | { type: "data"; chunk: Uint8Array }
  | { type: "end" };

const CRLF = new Uint8Array([13, 10]);
const HEADER_END = new Uint8Array([13, 10, 13, 10]);
const MAX_HEADER_BYTES = 16 * 1024;

export function boundaryOf(contentType: string | undefined): string {
  const match = /^multipart\/form-data\s*;(?:.*;)?\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary || boundary.length > 200)
    throw badRequest("Invalid Content-Type header: this endpoint expects multipart/form-data with a boundary.", null, "invalid_content_type");
  return boundary;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0]!;
  const last = haystack.length - needle.length;
  for (let i = haystack.indexOf(first, from); i !== -1 && i <= last; i = haystack.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Browsers and undici escape `"`, CR and LF in filenames as %22, %0D, %0A (WHATWG); undo exactly those. */
function unescapeFieldValue(value: string): string {
  return value.replace(/%22/g, '"').replace(/%0D/gi, "\r").replace(/%0A/gi, "\n");
}

function parseHeaders(raw: string): { name: string; filename: string | null; contentType: string | null } {
  let disposition = "";
  let contentType: string | null = null;
  for (const line of raw.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "content-disposition") disposition = value;
    // Kept only when it is a plain media type: it is replayed as a response header on download.
    else if (key === "content-type") contentType = /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[\x20-\x7e]*"|[\w.+-]+))*$/.test(value) ? value : null;
  }
  if (!/^form-data\b/i.test(disposition)) throw badRequest("Malformed multipart body: a part has no form-data Content-Disposition.");
  const param = (key: string): string | null => {
    const re = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, "i");
    const m = re.exec(disposition);
    if (!m) return null;
    return m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : (m[2] ?? "").trim();
  };
  const name = param("name");
  if (name === null) throw badRequest("Malformed multipart body: a part has no name.");
  let filename = param("filename");
  const extended = param("filename\\*");
  if (extended) {
    const m = /^UTF-8''(.*)$/i.exec(extended);
    if (m) {
      try {
        filename = decodeURIComponent(m[1]!);
      } catch {
        /* keep the plain filename when the extended one is not valid percent-encoding */
      }
    }
  }
  return { name: unescapeFieldValue(name), filename: filename === null ? null : unescapeFieldValue(filename), contentType };
}

export async function* readMultipart(body: ReadableStream<Uint8Array>, boundary: string): AsyncGenerator<MultipartEvent> {
  const encoder = new TextEncoder();
  const firstDelimiter = encoder.encode(`--${boundary}`);
  const delimiter = encoder.encode(`\r\n--${boundary}`);
  // Header text follows the one text rule of JSON bodies: well-formed UTF-8 or a 400, never U+FFFD in a filename.
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const reader = body.getReader();
  let buf: Uint8Array = new Uint8Array(0);
  let done = false;

  const fill = async (): Promise<boolean> => {
    if (done) return false;
    const r = await reader.read();
    if (r.done) {
      done = true;
      return false;
    }
    buf = concat(buf, r.value);
    return true;
  };
  const malformed = () => badRequest("Malformed multipart body: the closing boundary is missing.", null, "invalid_multipart");

  try {
    // Preamble: skip to the first delimiter.
    let at = indexOf(buf, firstDelimiter);
    while (at < 0) {
      if (buf.length > firstDelimiter.length) buf = buf.subarray(buf.length - firstDelimiter.length);
      if (!(await fill())) throw malformed();
      at = indexOf(buf, firstDelimiter);
    }
    buf = buf.subarray(at + firstDelimiter.length);

    for (;;) {
      // After a delimiter: "--" ends the body, CRLF starts a part.
      while (buf.length < 2) if (!(await fill())) throw malformed();
      if (buf[0] === 45 && buf[1] === 45) return;
      let headerEnd = indexOf(buf, HEADER_END);
      while (headerEnd < 0) {
        if (buf.length > MAX_HEADER_BYTES) throw badRequest("Malformed multipart body: part headers are too large.", null, "invalid_multipart");
        if (!(await fill())) throw malformed();
        headerEnd = indexOf(buf, HEADER_END);
      }
      let rawHeaders: string;
      try {
        rawHeaders = decoder.decode(buf.subarray(indexOf(buf, CRLF) === 0 ? 2 : 0, headerEnd));
      } catch {
        throw badRequest("Malformed multipart body: part headers (a field name or filename) are not valid UTF-8.", null, "invalid_unicode");
      }
      yield { type: "part", ...parseHeaders(rawHeaders) };
      buf = buf.subarray(headerEnd + 4);

      // Body: emit everything that cannot be the start of the next delimiter.
      for (;;) {
        const end = indexOf(buf, delimiter);
        if (end >= 0) {
          if (end > 0) yield { type: "data", chunk: buf.slice(0, end) };
          buf = buf.subarray(end + delimiter.length);
          break;
        }
        const safe = buf.length - delimiter.length;
        if (safe > 0) {
          yield { type: "data", chunk: buf.slice(0, safe) };
          buf = buf.subarray(safe);
        }
        if (!(await fill())) throw malformed();
      }
      yield { type: "end" };
    }
  } finally {
    reader.releaseLock();
  }
}
