// PDF text, one page at a time, with unpdf's serverless build of pdf.js (runs in workerd).
import type { ParseResult } from "../../ports";
import { invalidFile, joinPages } from "./document";

/** Layout whitespace from pdf.js items: single spaces, trimmed lines, at most one blank line. */
function tidyPage(raw: string): string {
  return raw
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function describe(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "PasswordException") return "The PDF is password-protected.";
  return "It is not a readable PDF.";
}

/** Takes ownership of `bytes`: pdf.js may keep or detach the buffer. */
export async function parsePdf(bytes: Uint8Array): Promise<ParseResult> {
  // ~1.6 MB of pdf.js: load it only when a PDF arrives, never at Worker startup.
  const { getDocumentProxy } = await import("unpdf");
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(bytes, { verbosity: 0 });
  } catch (error) {
    return invalidFile(describe(error));
  }
  try {
    const pages: string[] = [];
    // Sequential, unlike unpdf's extractText: one page's text content in memory at a time (128 MB isolates).
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let raw = "";
      for (const item of content.items) if ("str" in item) raw += item.str + (item.hasEOL ? "\n" : "");
      pages.push(tidyPage(raw));
      page.cleanup();
    }
    return joinPages(pages);
  } catch (error) {
    return invalidFile(describe(error));
  } finally {
    await pdf.destroy();
  }
}
