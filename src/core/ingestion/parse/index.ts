// parseDocument: bytes + filename → plain text (and page offsets), dispatched on the file extension.
import type { ParseResult } from "../../ports";
import { formatOf } from "../file-types";
import { unsupportedFile } from "./document";
import { parseDocx } from "./docx";
import { parseHtml } from "./html";
import { parsePdf } from "./pdf";
import { parsePptx } from "./pptx";
import { parseText } from "./text";

/**
 * Extracts the text of a file. Expected failures (unsupported type, unreadable content) are values; anything
 * thrown is a bug or a platform failure. May take ownership of `bytes` (pdf.js can detach the buffer).
 */
export async function parseDocument(bytes: Uint8Array, filename: string): Promise<ParseResult> {
  const format = formatOf(filename);
  switch (format) {
    case "text":
      return parseText(bytes);
    case "html":
      return parseHtml(bytes);
    case "pdf":
      return parsePdf(bytes);
    case "docx":
      return parseDocx(bytes);
    case "pptx":
      return parsePptx(bytes);
    case "legacy-doc":
      // Binary Word 97-2003 has no parser that runs in workerd; OpenAI lists it, so say why it failed.
      return unsupportedFile("Legacy .doc files are not supported; save the document as .docx.");
    case null:
      return unsupportedFile();
  }
}
