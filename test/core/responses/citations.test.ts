// Citation marks → file_citation annotations: which marks are removed, where annotations point, what is left alone.
import { describe, expect, it } from "vitest";
import { extractCitations } from "../../../src/core/responses/citations";
import { queriesOf } from "../../../src/core/responses/engine";

const SOURCES = [
  { fileId: "file-a", filename: "a.md" },
  { fileId: "file-b", filename: "b.md" },
  { fileId: "file-c", filename: "c.md" },
];
const cite = (n: number, index: number) => ({ type: "file_citation", file_id: SOURCES[n - 1]!.fileId, filename: SOURCES[n - 1]!.filename, index });

describe("extractCitations", () => {
  it("removes [n] with its leading space; index is the offset where the mark stood", () => {
    expect(extractCitations("Reefs bleach [1]. Whales eat krill [2].", SOURCES)).toEqual({
      text: "Reefs bleach. Whales eat krill.",
      annotations: [cite(1, 12), cite(2, 30)],
    });
  });

  it("reads [1, 3], [1][2] and 【3】 as one annotation per number", () => {
    expect(extractCitations("A [1, 3]. B[1][2]. C 【3】", SOURCES)).toEqual({
      text: "A. B. C",
      annotations: [cite(1, 1), cite(3, 1), cite(1, 4), cite(2, 4), cite(3, 7)],
    });
  });

  it("leaves a bracketed number that is not a listed source as text", () => {
    expect(extractCitations("In [2024] and [0] and [4] it rained [2].", SOURCES)).toEqual({
      text: "In [2024] and [0] and [4] it rained.",
      annotations: [cite(2, 35)],
    });
  });

  it("counts code points, not UTF-16 units", () => {
    expect(extractCitations("🐋 eat krill [2]", SOURCES).annotations).toEqual([cite(2, 11)]);
  });

  it("returns the text unchanged without sources", () => {
    expect(extractCitations("Hello [1].", [])).toEqual({ text: "Hello [1].", annotations: [] });
  });
});

describe("queriesOf", () => {
  const messages = [{ role: "user" as const, content: "what about reefs?" }];
  it("takes {queries}, a lenient {query}, and falls back to the latest user text", () => {
    expect(queriesOf('{"queries":["a","b"]}', messages)).toEqual(["a", "b"]);
    expect(queriesOf('{"query":"c"}', messages)).toEqual(["c"]);
    expect(queriesOf("not json", messages)).toEqual(["what about reefs?"]);
    expect(queriesOf('{"queries":[]}', messages)).toEqual(["what about reefs?"]);
    expect(queriesOf(JSON.stringify({ queries: ["1", "2", "3", "4", "5", "6"] }), messages)).toHaveLength(5);
  });
});
