// A chat session's history → the model's transcript, and the session title.
import { describe, expect, it } from "vitest";
import type { ChatEvent } from "../../../src/core/chat/events";
import { MAX_TRANSCRIPT_TURNS, titleOf, transcriptOf } from "../../../src/core/chat/transcript";

const turn = (n: number): ChatEvent[] => [
  { type: "user_input", content: `q${n}` },
  { type: "tool_call", call_id: `fs_${n}`, name: "file_search", arguments: { queries: ["x"] } },
  { type: "tool_result", call_id: `fs_${n}`, name: "file_search", result: { nodes: [{ file_id: "file-1", file_name: "a.md", score: 1, text: "passage", metadata: {} }] } },
  { type: "text_delta", content: `a${n}` },
  { type: "text", content: `a${n}`, citations: [] },
  { type: "stop", error: null, is_error: false, usage: { duration_ms: 1, total_input_tokens: 1, total_output_tokens: 1, turns: 2 } },
];

describe("transcriptOf", () => {
  it("keeps each turn's prompt and answer, without the passages", () => {
    expect(transcriptOf([...turn(1), ...turn(2).slice(0, 1)])).toEqual([
      { role: "user", content: "q1" },
      { role: "assistant", content: "a1" },
      { role: "user", content: "q2" },
    ]);
  });

  it("keeps only the latest turns of a long session", () => {
    const events = Array.from({ length: MAX_TRANSCRIPT_TURNS + 5 }, (_, i) => turn(i + 1)).flat();
    const transcript = transcriptOf(events);
    expect(transcript).toHaveLength(MAX_TRANSCRIPT_TURNS * 2);
    expect(transcript[0]).toEqual({ role: "user", content: "q6" });
  });

  it("gives a turn that failed before answering only its prompt", () => {
    expect(transcriptOf([{ type: "user_input", content: "q" }, { type: "stop", error: "boom", is_error: true, usage: { duration_ms: 0, total_input_tokens: 0, total_output_tokens: 0, turns: 0 } }])).toEqual([{ role: "user", content: "q" }]);
  });
});

describe("titleOf", () => {
  it("puts the first prompt on one line, at most 80 characters", () => {
    expect(titleOf("  How long\\n is   leave? ".replace("\\n", "\n"))).toBe("How long is leave?");
    const long = titleOf("x".repeat(200));
    expect([...long]).toHaveLength(80);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("titleOf and emoji", () => {
  it("cuts a long first prompt on a code point, never inside an emoji", () => {
    const title = titleOf(`${"🌊".repeat(79)} and more words after the waves`);
    expect([...title]).toHaveLength(80);
    expect(title).toBe(`${"🌊".repeat(79)}…`);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(title)).toBe(false);
  });
});
