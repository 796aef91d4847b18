// The streaming citation parser agrees with extractCitations on every text, however the upstream splits it.
import { describe, expect, it } from "vitest";
import { CitationStream, type CitedPiece } from "../../../src/core/responses/citation-stream";
import { extractCitations } from "../../../src/core/responses/citations";

const SOURCES = [
  { fileId: "file-a", filename: "a.md" },
  { fileId: "file-b", filename: "b.md" },
  { fileId: "file-c", filename: "c.md" },
];

const TEXTS = [
  "Reefs bleach [1]. Whales eat krill [2].",
  "A [1, 3]. B[1][2]. C 【3】",
  "In [2024] and [0] and [4] it rained [2].",
  "x[1][9][3] end [1][2][3]",
  "🐋 eat krill [2] 🐋[3]",
  "[1]",
  " [1] ",
  "a [1 and [2, 3 and [ 2 ] and 【 1, 2 】.",
  "ends open [",
  "ends open [1,",
  "list [1, 2, 3, 4] and [1, 2, 3, 4, 5] and [1,2,3]",
  "spaces  [1]  [2]x[3]",
  "array[0] = [12][3]",
];

/** Feeds the pieces and returns what the stream sent, checking every annotation sits right after the text it follows. */
function feed(pieces: string[]): { text: string; annotations: unknown[] } {
  const stream = new CitationStream(SOURCES);
  const sent: CitedPiece[] = [];
  for (const piece of pieces) sent.push(...stream.push(piece));
  sent.push(...stream.end());
  let text = "";
  const annotations: unknown[] = [];
  for (const piece of sent) {
    if (piece.type === "text") text += piece.text;
    else {
      expect(piece.annotation.index).toBe([...text].length);
      annotations.push(piece.annotation);
    }
  }
  expect(stream.result).toEqual({ text, annotations });
  return { text, annotations };
}

describe("CitationStream", () => {
  it.each(TEXTS)("gives extractCitations' result for %j split at every position, in two and in three", (input) => {
    const whole = extractCitations(input, SOURCES);
    const units = [...input];
    for (let i = 0; i <= units.length; i++) {
      expect(feed([units.slice(0, i).join(""), units.slice(i).join("")])).toEqual(whole);
      for (let j = i; j <= units.length; j++)
        expect(feed([units.slice(0, i).join(""), units.slice(i, j).join(""), units.slice(j).join("")])).toEqual(whole);
    }
    expect(feed(units)).toEqual(whole);
  });

  it("agrees on a long answer fed in small pieces (each push cleans only its delta and the held tail)", () => {
    const input = Array.from({ length: 400 }, (_, i) => `Sentence ${i} cites [${(i % 3) + 1}] and [20${i % 10}] 【${(i % 4) + 1}】.`).join(" ");
    const units = [...input];
    const pieces = Array.from({ length: Math.ceil(units.length / 3) }, (_, i) => units.slice(i * 3, i * 3 + 3).join(""));
    expect(feed(pieces)).toEqual(extractCitations(input, SOURCES));
  });

  it("never sends a piece of a mark, and sends text as soon as it cannot become one", () => {
    const stream = new CitationStream(SOURCES);
    expect(stream.push("Reefs bleach")).toEqual([{ type: "text", text: "Reefs bleach" }]);
    expect(stream.push(" [")).toEqual([]);
    expect(stream.push("1")).toEqual([]);
    expect(stream.push("]")).toEqual([]);
    expect(stream.push(".")).toEqual([
      { type: "annotation", annotation: { type: "file_citation", file_id: "file-a", filename: "a.md", index: 12 } },
      { type: "text", text: "." },
    ]);
    expect(stream.push(" In [20")).toEqual([{ type: "text", text: " In" }]);
    expect(stream.push("24] it")).toEqual([{ type: "text", text: " [2024] it" }]);
    expect(stream.end()).toEqual([]);
  });
});
