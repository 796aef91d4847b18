// The playground's term highlighting (dashboard/src/playground/highlight.ts): which parts of a result are marked.
import { describe, expect, it } from "vitest";
import { highlightSegments, queryTerms } from "../../dashboard/src/playground/highlight";

const marked = (text: string, queries: string[]) =>
  highlightSegments(text, queryTerms(queries))
    .filter((s) => s.match)
    .map((s) => s.text);

describe("queryTerms", () => {
  it("folds case and diacritics and leaves out stopwords and one-letter words", () => {
    expect(queryTerms(["What is the Café policy?", "a ZÜRICH policy"])).toEqual(["cafe", "policy", "zurich"]);
  });
  it("keeps codes whole", () => {
    expect(queryTerms(["invoice INV-7731-QX"])).toEqual(["invoice", "inv-7731-qx"]);
  });
});

describe("highlightSegments", () => {
  it("marks terms at word starts, ignoring case and accents, and keeps the original text", () => {
    expect(marked("Parental leaves at the café; CAFE opens. Sleave no.", ["leave cafe"])).toEqual(["leave", "café", "CAFE"]);
  });
  it("joins the segments back into the exact text, names with HTML included", () => {
    const text = `<img src=x onerror="alert(1)"> “Zürich” 東京 'quoted'`;
    const segments = highlightSegments(text, queryTerms(["zurich img 東京"]));
    expect(segments.map((s) => s.text).join("")).toBe(text);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(["img", "Zürich", "東京"]);
  });
  it("matches Chinese inside a sentence and maps folded lengths back (Straße ↔ strasse)", () => {
    expect(marked("本周我们整理了设备清单并更新了", ["设备清单"])).toEqual(["设备清单"]);
    expect(marked("Die Straße ist lang", ["strasse"])).toEqual(["Straße"]);
    expect(marked("Die Straße ist lang", ["stras"])).toEqual(["Straß"]);
  });
  it("answers one unmarked segment without terms, none for empty text", () => {
    expect(highlightSegments("text", [])).toEqual([{ text: "text", match: false }]);
    expect(highlightSegments("", ["x"])).toEqual([]);
  });
});
