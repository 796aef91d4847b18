// The largest file each whole-document parser can take within one invocation's memory, checked before parsing.
import { formatOf, type DocumentFormat } from "./file-types";

const MB = 1_000_000;

/**
 * Bytes of the stored file above which a format is refused rather than parsed: these parsers need the whole
 * document (and its parsed text) in memory at once, and a Worker invocation has 128 MB (Cloudflare Workers limits).
 * Measured in workerd (bench/parse-limits.ts, README "Limits"): peak memory of the parse at this size stays under
 * ~100 MB, leaving room for the runtime and the chunker. Plain text, Markdown, code and JSON have no entry: they
 * are read in byte ranges (text-window.ts) and never held whole.
 */
export const MAX_PARSE_BYTES: Readonly<Partial<Record<DocumentFormat, number>>> = {
  pdf: 100 * MB,
  docx: 50 * MB,
  pptx: 100 * MB,
  html: 25 * MB,
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
