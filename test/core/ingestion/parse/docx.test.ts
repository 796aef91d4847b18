import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../../src/core/ingestion/parse";
import { makeDocx } from "../../../fixtures/make-docx";
import { zipParts } from "../../../fixtures/ooxml";

describe("parseDocument: DOCX", () => {
  it("extracts paragraphs separated by blank lines", async () => {
    const bytes = makeDocx(["Quarterly report", "Revenue grew 12% & costs fell.", "<Confidential>"]);
    const result = await parseDocument(bytes, "report.docx");
    expect(result).toEqual({
      ok: true,
      document: { text: "Quarterly report\n\nRevenue grew 12% & costs fell.\n\n<Confidential>", pageStarts: null },
    });
  });

  it("reads a document that is a view into a larger buffer", async () => {
    const bytes = makeDocx(["offset view"]);
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 8);
    const result = await parseDocument(padded.subarray(8, 8 + bytes.length), "view.docx");
    expect(result).toMatchObject({ ok: true, document: { text: "offset view" } });
  });

  it("reports non-zip bytes and zips without a Word document as invalid_file", async () => {
    const notZip = new TextEncoder().encode("plain text renamed to .docx");
    const otherZip = zipParts({ "hello.txt": "not a word document" });
    for (const bytes of [notZip, otherZip]) {
      const result = await parseDocument(bytes, "fake.docx");
      expect(result).toMatchObject({ ok: false, code: "invalid_file" });
    }
  });
});
