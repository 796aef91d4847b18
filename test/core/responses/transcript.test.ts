// The one input-items → chat-messages mapping: ordering rules Chat Completions upstreams enforce.
import { describe, expect, it } from "vitest";
import { chatTranscript } from "../../../src/core/responses/transcript";
import type { StoredItem } from "../../../src/core/responses/stored-items";

const user = (text: string): StoredItem => ({ id: `msg_${text}`, type: "message", role: "user", status: "completed", content: [{ type: "input_text", text }] });
const assistant = (text: string): StoredItem => ({ id: `msg_a_${text}`, type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text, annotations: [], logprobs: [] }] });
const fnCall = (callId: string): StoredItem => ({ id: `fc_${callId}`, type: "function_call", call_id: callId, name: "f", arguments: "{}", status: "completed" });
const fnOutput = (callId: string): StoredItem => ({ id: `fco_${callId}`, type: "function_call_output", call_id: callId, output: `out ${callId}`, status: "completed" });

describe("chatTranscript", () => {
  it("puts parallel calls, and calls after the turn's text, in one assistant message answered by tool messages", () => {
    const result = chatTranscript("Rules.", [user("q"), assistant("Let me check."), fnCall("a"), fnCall("b"), fnOutput("b"), fnOutput("a"), user("next")]);
    expect(result).toEqual({
      ok: true,
      value: { sources: [], messages: [
        { role: "system", content: "Rules." },
        { role: "user", content: "q" },
        { role: "assistant", content: "Let me check.", toolCalls: [{ id: "a", name: "f", arguments: "{}" }, { id: "b", name: "f", arguments: "{}" }] },
        { role: "tool", toolCallId: "b", content: "out b" },
        { role: "tool", toolCallId: "a", content: "out a" },
        { role: "user", content: "next" },
      ] },
    });
  });

  it("names the chain rather than an input index when the fault is in previous_response_id's items", () => {
    expect(chatTranscript(null, [fnOutput("x"), user("q")], 1)).toEqual({ ok: false, error: { kind: "orphan_output", param: "previous_response_id", callId: "x" } });
    expect(chatTranscript(null, [fnCall("x")], 1)).toEqual({ ok: false, error: { kind: "missing_output", callId: "x" } });
    expect(chatTranscript(null, [user("q"), fnOutput("x")], 1)).toEqual({ ok: false, error: { kind: "orphan_output", param: "input[0]", callId: "x" } });
    expect(chatTranscript(null, [fnCall("x"), fnOutput("x"), fnOutput("x")], 0)).toEqual({ ok: false, error: { kind: "orphan_output", param: "input[2]", callId: "x" } });
  });

  it("maps developer to system and drops a file_search_call without results", () => {
    const items: StoredItem[] = [
      { id: "msg_d", type: "message", role: "developer", status: "completed", content: [{ type: "input_text", text: "Dev." }] },
      { id: "fs_1", type: "file_search_call", status: "completed", queries: ["q"], results: null },
      user("hi"),
    ];
    expect(chatTranscript(undefined, items)).toEqual({ ok: true, value: { sources: [], messages: [{ role: "system", content: "Dev." }, { role: "user", content: "hi" }] } });
  });

  it("numbers replayed search results across the chain, so a later answer can cite them", () => {
    const result = (file: string) => ({ file_id: `file-${file}`, filename: `${file}.md`, score: 0.9, text: `about ${file}`, attributes: null });
    const items: StoredItem[] = [
      user("q1"),
      { id: "fs_1", type: "file_search_call", status: "completed", queries: ["q1"], results: [result("a"), result("b")] },
      user("q2"),
      { id: "fs_2", type: "file_search_call", status: "completed", queries: ["q2"], results: [result("c")] },
    ];
    const transcript = chatTranscript(null, items);
    if (!transcript.ok) throw new Error("expected a transcript");
    expect(transcript.value.sources.map((s) => s.fileId)).toEqual(["file-a", "file-b", "file-c"]);
    const tools = transcript.value.messages.filter((m) => m.role === "tool").map((m) => m.content);
    expect(tools[0]).toMatch(/^\[1\] a\.md \(score 0\.90\)\nabout a\n\n\[2\] b\.md/);
    expect(tools[1]).toMatch(/^\[3\] c\.md/);
  });
});
