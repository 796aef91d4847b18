// DOCX text with mammoth's browser bundle: the node entry wants a Buffer, this one an ArrayBuffer (PLATFORM §8).
import type { ParseResult } from "../../ports";
import { invalidFile, normalizeNewlines, parsed } from "./document";

function ownArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer;
  return bytes.slice().buffer;
}

export async function parseDocx(bytes: Uint8Array): Promise<ParseResult> {
  // ~300 KB of JSZip + XML parsing: loaded only when a DOCX arrives.
  const { default: mammoth } = await import("mammoth/mammoth.browser.js");
  try {
    const { value } = await mammoth.extractRawText({ arrayBuffer: ownArrayBuffer(bytes) });
    return parsed(normalizeNewlines(value).trim());
  } catch {
    // mammoth throws for anything that is not a Word document zip (bad zip, no word/document.xml).
    return invalidFile("It is not a readable DOCX document.");
  }
}
