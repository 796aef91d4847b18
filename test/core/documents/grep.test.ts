// grepText's windows: matches across and at window boundaries are found once, anchors hold, pages resume exactly.
import { describe, expect, it } from "vitest";
import { GREP_TIME_LIMIT_MS, GREP_WINDOW_CHARS, MAX_MATCH_CHARS, grepText, type TextSource } from "../../../src/core/documents/grep";
import { compilePattern } from "../../../src/core/documents/pattern";

const source = (text: string): TextSource => async (start, end) => ({ text: text.slice(start, end), length: text.length });
const regex = (p: string) => compilePattern(p) as RegExp;

async function all(text: string, pattern: string, pageSize = 1000) {
  const out: Array<{ start_char: number; end_char: number; content: string }> = [];
  let from = 0;
  for (;;) {
    const page = await grepText(source(text), regex(pattern), from, pageSize, 0);
    if (page.kind !== "page") throw new Error(page.kind);
    out.push(...page.matches);
    if (page.next === null) return out;
    from = page.next;
  }
}

describe("grepText", () => {
  it("finds a match that straddles a window boundary once, with exact offsets", async () => {
    const text = "x".repeat(GREP_WINDOW_CHARS - 3) + "NEEDLE" + "y".repeat(GREP_WINDOW_CHARS * 2);
    expect(await all(text, "NEEDLE")).toEqual([{ start_char: GREP_WINDOW_CHARS - 3, end_char: GREP_WINDOW_CHARS + 3, content: "NEEDLE" }]);
  });

  it("does not anchor ^ at a window start in the middle of a line, and does at a line start there", async () => {
    const mid = "a".repeat(GREP_WINDOW_CHARS - 1) + "Qx\n" + "Q".repeat(5);
    expect((await all(mid, "^Q")).map((m) => m.start_char)).toEqual([GREP_WINDOW_CHARS + 2]);
    const atLine = "a".repeat(GREP_WINDOW_CHARS - 1) + "\nQ";
    expect((await all(atLine, "^Q")).map((m) => m.start_char)).toEqual([GREP_WINDOW_CHARS]);
  });

  it("cuts a match at MAX_MATCH_CHARS and resumes after it", async () => {
    const text = "b".repeat(MAX_MATCH_CHARS * 3) + " c";
    const got = await all(text, "b+");
    expect(got[0]).toMatchObject({ start_char: 0, end_char: MAX_MATCH_CHARS });
    expect(got.every((m) => m.end_char - m.start_char <= MAX_MATCH_CHARS)).toBe(true);
    expect(got.map((m) => m.content).join("")).toBe("b".repeat(MAX_MATCH_CHARS * 3));
  });

  it("pages of one match each give every match once", async () => {
    const text = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(" ");
    const expected = [...text.matchAll(/w\d*7\b/g)].map((m) => m.index);
    expect((await all(text, "w\\d*7\\b", 1)).map((m) => m.start_char)).toEqual(expected);
    expect((await all(text, "w\\d*7\\b", 7)).map((m) => m.start_char)).toEqual(expected);
  });

  it("stops with time_limit when reading the text outlasts the limit", async () => {
    const text = "z".repeat(2_000_000);
    let clock = 0;
    // Each read of the text takes a fifth of the limit on this clock.
    const slow: TextSource = async (start, end) => {
      clock += GREP_TIME_LIMIT_MS / 5;
      return source(text)(start, end);
    };
    expect(await grepText(slow, regex("needle"), 0, 10, 0, () => clock)).toEqual({ kind: "time_limit" });
    expect((await grepText(source(text), regex("needle"), 0, 10, 0, () => clock)).kind).toBe("page");
  });
});
