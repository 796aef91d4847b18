// DOCX text with mammoth's browser bundle: the node entry wants a Buffer, this one an ArrayBuffer (PLATFORM §8).
import { unzipSync } from "fflate";
import type { ParseResult } from "../../ports";
import { invalidFile, normalizeNewlines, parsed } from "./document";

function ownArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer;
  return bytes.slice().buffer;
}

/**
 * Uncompressed bytes of word/document.xml above which a document is refused before mammoth builds its DOM: memory
 * follows the inflated XML, not the file size, so a small but highly compressed file could still exhaust the
 * 128 MB isolate. Measured with bench/parse-limits.ts (README "Limits"): 10 MB of text (≈ 10.4 MB of XML) parsed
 * within a 128 MB heap, 20 MB crashed it.
 */
export const MAX_DOCUMENT_XML_BYTES = 12_000_000;

/** The inflated size of word/document.xml read from the zip's directory (nothing is inflated), or null if absent. */
function documentXmlBytes(bytes: Uint8Array): number | null {
  let size: number | null = null;
  try {
    unzipSync(bytes, {
      filter(file) {
        if (file.name === "word/document.xml") size = file.originalSize;
        return false;
      },
    });
  } catch {
    return null;
  }
  return size;
}

export async function parseDocx(bytes: Uint8Array): Promise<ParseResult> {
  const xmlBytes = documentXmlBytes(bytes);
  if (xmlBytes !== null && xmlBytes > MAX_DOCUMENT_XML_BYTES)
    return invalidFile(`DOCX documents with more than ${MAX_DOCUMENT_XML_BYTES / 1_000_000} MB of uncompressed text XML cannot be processed (this one has ${(xmlBytes / 1_000_000).toFixed(1)} MB).`);
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
