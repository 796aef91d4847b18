// The largest file each whole-document parser can take within one invocation's memory, checked before parsing.
import { formatOf, type DocumentFormat } from "./file-types";

const MB = 1_000_000;

/**
 * Bytes of the stored file above which a format is refused rather than parsed: these parsers need the whole
 * document (and its parsed text) in memory at once, and a Worker invocation has 128 MB (Cloudflare Workers limits).
 * Measured in workerd with its V8 heap capped at 128 MB (bench/parse-limits.ts, README "Limits"): each limit is
 * below the largest size whose parse (plus the JSON cache copy and the first slice of chunks) passed. Plain text,
 * Markdown, code and JSON have no entry: they are read in byte ranges (text-window.ts) and never held whole.
 */
export const MAX_PARSE_BYTES: Readonly<Partial<Record<DocumentFormat, number>>> = {
  // 3,000 dense pages (9.9 MB) passed, 4,000 (13.2 MB) crashed the isolate.
  pdf: 8 * MB,
  // Images are not parsed; the text is bounded by MAX_DOCUMENT_XML_BYTES (parse/docx.ts).
  docx: 16 * MB,
  // Images are not parsed; the slide text is bounded by MAX_XML_BYTES (parse/pptx.ts).
  pptx: 16 * MB,
  // 20 MB passed, 30 MB crashed the isolate.
  html: 16 * MB,
};

const FORMAT_NAMES: Readonly<Record<DocumentFormat, string>> = {
  text: "Text",
  html: "HTML",
  pdf: "PDF",
  docx: "DOCX",
  pptx: "PPTX",
  "legacy-doc": "DOC",
};

/**
 * The `invalid_file` message for a file too large for its format's parser (e.g. "PDF files larger than 100 MB
 * cannot be processed."), or null when the file is within the limit or its format streams.
 */
export function sizeLimitMessage(filename: string, bytes: number): string | null {
  const format = formatOf(filename);
  const limit = format === null ? undefined : MAX_PARSE_BYTES[format];
  if (format === null || limit === undefined || bytes <= limit) return null;
  return `${FORMAT_NAMES[format]} files larger than ${limit / MB} MB cannot be processed (this one is ${(bytes / MB).toFixed(1)} MB).`;
}
