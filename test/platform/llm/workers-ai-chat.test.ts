// The Responses engine on the Workers AI adapter: flat tools, id-less tool calls, citations, failures.
import { describe, expect, it } from "vitest";
import { runResponse, type ResponseRun } from "../../../src/core/responses/engine";
import type { ResponseEvent, ResponseState } from "../../../src/core/responses/items";
import { DEFAULT_WORKERS_AI_CHAT_MODEL, WorkersAiChatModel } from "../../../src/platform/llm/workers-ai-chat";
import { FakeChatAi, type FakeChatReply } from "../../fakes/workers-ai-chat";

const RESULTS = [
  { file_id: "file-reef", filename: "reef.md", score: 0.9, text: "Coral reefs bleach when the ocean warms.", attributes: null },
  { file_id: "file-whale", filename: "whale.md", score: 0.4, text: "Blue whales feed on krill.", attributes: null },
];

async function run(replies: FakeChatReply[], search = async (_q: string[]) => RESULTS, llmModel?: string, extra: Partial<ResponseRun> = {}) {
  const ai = new FakeChatAi(replies);
  const searched: string[][] = [];
  const events: ResponseEvent[] = [];
  for await (const event of runResponse(new WorkersAiChatModel(ai, llmModel), {
    id: "resp_test",
    model: "gpt-4o",
    messages: [{ role: "user", content: "Why do reefs bleach?" }],
    fileSearch: async (q) => (searched.push(q), search(q)),
    toolChoice: "auto",
    ...extra,
  }))
    events.push(event);
  const last = events.at(-1)!;
  return { ai, searched, events, response: ("response" in last ? last.response : null) as ResponseState };
}

describe("WorkersAiChatModel through the engine", () => {
  it("sends flat tools, names tool results, and cites with the synthesized call ids", async () => {
    const { ai, searched, response, events } = await run([{ tool_calls: [{ name: "file_search", arguments: { queries: ["reef bleaching"] } }] }, { response: "Reefs bleach in warm water [1]." }]);
    expect(searched).toEqual([["reef bleaching"]]);
    expect(ai.calls.map((c) => c.model)).toEqual([DEFAULT_WORKERS_AI_CHAT_MODEL, DEFAULT_WORKERS_AI_CHAT_MODEL]);
    expect((ai.calls[0]!.inputs.tools as { name: string }[]).map((t) => t.name)).toEqual(["file_search"]);
    const tool = (ai.calls[1]!.inputs.messages as { role: string; name?: string; content: string }[]).find((m) => m.role === "tool")!;
    expect(tool.name).toBe("file_search");
    expect(tool.content).toContain("[1] reef.md");
    expect(response.status).toBe("completed");
    expect(response.usage).toMatchObject({ input_tokens: 14, output_tokens: 6, total_tokens: 20 });
    const message = response.output[1]!;
    expect(message.type === "message" && message.content[0]).toEqual({
      type: "output_text",
      text: "Reefs bleach in warm water.",
      annotations: [{ type: "file_citation", file_id: "file-reef", filename: "reef.md", index: 26 }],
      logprobs: [],
    });
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
  });

  it("streams a call without tools through the binding's SSE; a tool-deciding call is not streamed", async () => {
    const replies: FakeChatReply[] = [{ tool_calls: [{ name: "file_search", arguments: { queries: ["reefs"] } }] }, { response: "Reefs bleach in warm water." }];
    // max_tool_calls 1: after the search no tool is offered, so the answer call has none.
    const { ai, events, response } = await run(replies, undefined, undefined, { maxToolCalls: 1 });
    expect(ai.calls.map((c) => c.inputs.stream)).toEqual([undefined, true]);
    expect(events.filter((e) => e.type === "response.output_text.delta").map((e) => "delta" in e && e.delta)).toEqual(["Reefs bleach i", "n warm water."]);
    expect(response.status).toBe("completed");
  });

  it("runs LLM_MODEL when set", async () => {
    const { ai } = await run([{ response: "Hi." }], undefined, "@cf/qwen/qwen2.5-coder-32b-instruct");
    expect(ai.calls[0]!.model).toBe("@cf/qwen/qwen2.5-coder-32b-instruct");
  });

  it("a failing search is a failed item, not an empty success; a failing model is a failed response", async () => {
    const failing = await run(
      [{ tool_calls: [{ name: "file_search", arguments: { queries: ["x"] } }] }, { response: "I could not search." }],
      async () => {
        throw new Error("store object unavailable");
      },
    );
    expect(failing.response.output[0]).toMatchObject({ type: "file_search_call", status: "failed", results: null });
    const tool = (failing.ai.calls[1]!.inputs.messages as { role: string; content: string }[]).find((m) => m.role === "tool")!;
    expect(tool.content).toContain("store object unavailable");
    const broken = await run([{ error: "3040: capacity temporarily exceeded" }]);
    expect(broken.response.status).toBe("failed");
    expect(broken.response.error?.message).toContain("capacity temporarily exceeded");
  });
});
