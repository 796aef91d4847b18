// The engine over a scripted ChatModel: no tool calling (LLM_TOOLS=false), JSON text.format, a consumer that stops early.
import { describe, expect, it } from "vitest";
import type { ChatModel, ChatRequest, ChatResult, ChatStream } from "../../../src/core/responses/chat-model";
import { runResponse } from "../../../src/core/responses/engine";
import type { ResponseEvent } from "../../../src/core/responses/items";

/** A ChatModel that answers every call with `chunks` as streamed deltas and records the requests. */
class ScriptedModel implements ChatModel {
  readonly kind = "scripted";
  readonly requests: ChatRequest[] = [];
  constructor(private readonly chunks: (request: ChatRequest) => string[]) {}
  async complete(request: ChatRequest): Promise<ChatResult> {
    let content = "";
    const stream = this.stream(request);
    for (let next = await stream.next(); ; next = await stream.next()) {
      if (next.done) return next.value;
      content += next.value;
    }
  }
  async *stream(request: ChatRequest): ChatStream {
    this.requests.push(structuredClone(request));
    const chunks = this.chunks(request);
    for (const chunk of chunks) yield chunk;
    return { content: chunks.join(""), toolCalls: [], finish: "stop", usage: { inputTokens: 3, outputTokens: 2 }, model: request.model };
  }
}

const RESULTS = [{ file_id: "file-reef", filename: "reef.md", score: 0.9, text: "Coral reefs bleach when the ocean warms.", attributes: null }];

describe("runResponse with toolCalling: false", () => {
  it("searches the latest user text first, gives the sources in a system message, and answers in one call without tools", async () => {
    const model = new ScriptedModel(() => ["Reefs bleach when warm [", "1]."]);
    const searched: string[][] = [];
    const events: ResponseEvent[] = [];
    for await (const event of runResponse(model, {
      id: "resp_test",
      model: "llama3.1",
      messages: [{ role: "user", content: "Why do reefs bleach?" }],
      fileSearch: async (queries) => (searched.push(queries), RESULTS),
      toolChoice: "auto",
      toolCalling: false,
    }))
      events.push(event);
    expect(searched).toEqual([["Why do reefs bleach?"]]);
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]!.tools).toBeUndefined();
    expect(model.requests[0]!.messages.at(-1)).toMatchObject({ role: "system", content: expect.stringContaining("[1] reef.md") });
    expect(events.map((e) => e.type).slice(2, 7)).toEqual([
      "response.output_item.added",
      "response.file_search_call.in_progress",
      "response.file_search_call.searching",
      "response.file_search_call.completed",
      "response.output_item.done",
    ]);
    const last = events.at(-1)!;
    expect(last.type).toBe("response.completed");
    const message = "response" in last ? last.response.output[1] : undefined;
    expect(message?.type === "message" && message.content[0]).toMatchObject({
      text: "Reefs bleach when warm.",
      annotations: [{ type: "file_citation", file_id: "file-reef", filename: "reef.md", index: 22 }],
    });
  });

  it("with a JSON text.format, asks for no marks and leaves brackets in the JSON alone", async () => {
    const model = new ScriptedModel(() => ['{"ids":', "[1]}"]);
    const events: ResponseEvent[] = [];
    for await (const event of runResponse(model, {
      id: "resp_test",
      model: "llama3.1",
      messages: [{ role: "user", content: "Which sources?" }],
      fileSearch: async () => RESULTS,
      toolChoice: "auto",
      toolCalling: false,
      responseFormat: { type: "json_object" },
    }))
      events.push(event);
    expect(JSON.stringify(model.requests[0]!.messages)).not.toContain("square brackets");
    const last = events.at(-1)!;
    const message = "response" in last ? last.response.output[1] : undefined;
    expect(message?.type === "message" && message.content[0]!.text).toBe('{"ids":[1]}');
  });
});

describe("runResponse stopped early", () => {
  it("closes the upstream stream when the consumer stops mid-answer (a client that went away)", async () => {
    let closed = false;
    const model: ChatModel = {
      kind: "scripted",
      complete: () => Promise.reject(new Error("not used")),
      async *stream(request): ChatStream {
        try {
          yield "Coral reefs ";
          yield "bleach.";
          return { content: "Coral reefs bleach.", toolCalls: [], finish: "stop", usage: { inputTokens: 1, outputTokens: 1 }, model: request.model };
        } finally {
          closed = true;
        }
      },
    };
    const events = runResponse(model, { id: "resp_test", model: "m", messages: [{ role: "user", content: "Why?" }], fileSearch: null, toolChoice: "auto" });
    for await (const event of events) if (event.type === "response.output_text.delta") break;
    expect(closed).toBe(true);
  });
});
