import { describe, expect, it } from "vitest";
import { extensionOf, formatOf, isSupportedForRetrieval, mimeTypeOf, SUPPORTED_EXTENSIONS } from "../../../src/core/ingestion/file-types";

describe("file types", () => {
  it("lists every extension OpenAI supports for retrieval, plus .htm and .markdown", () => {
    const openai = [".c", ".cpp", ".cs", ".css", ".doc", ".docx", ".go", ".html", ".java", ".js", ".json", ".md", ".pdf", ".php", ".pptx", ".py", ".rb", ".sh", ".tex", ".ts", ".txt"];
    expect([...SUPPORTED_EXTENSIONS].sort()).toEqual([...openai, ".htm", ".markdown"].sort());
  });

  it("takes the lower-cased last extension of the base name", () => {
    expect(extensionOf("Report.Final.PDF")).toBe(".pdf");
    expect(extensionOf("dir.v2/notes")).toBe("");
    expect(extensionOf("C:\\docs\\a.TXT")).toBe(".txt");
    expect(extensionOf(".env")).toBe("");
    expect(extensionOf("archive.tar.gz")).toBe(".gz");
  });

  it("accepts supported names and refuses images, spreadsheets and extensionless names", () => {
    expect(isSupportedForRetrieval("paper.PDF")).toBe(true);
    expect(isSupportedForRetrieval("legacy.doc")).toBe(true);
    for (const name of ["photo.png", "data.csv", "book.xlsx", "rows.jsonl", "README", "constructor", "x.toString"]) {
      expect(isSupportedForRetrieval(name), name).toBe(false);
    }
  });

  it("maps names to their parser and OpenAI's MIME type", () => {
    expect(formatOf("a.markdown")).toBe("text");
    expect(formatOf("a.htm")).toBe("html");
    expect(formatOf("a.doc")).toBe("legacy-doc");
    expect(formatOf("a.png")).toBeNull();
    expect(mimeTypeOf("a.pptx")).toBe("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    expect(mimeTypeOf("a.ts")).toBe("application/typescript");
  });
});
