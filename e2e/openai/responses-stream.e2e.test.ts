// The Responses engine against a streaming upstream, through the official SDK: deltas as they come, marks split across
// chunks, function tools, text.format, max_tool_calls, an upstream without tool calling, an upstream failing mid-stream.
import OpenAI, { BadRequestError } from "openai";
import { describe, expect, it } from "vitest";
import { sourceNumber, upstream } from "../fake-chat-upstream";
import { responsesSuite } from "./responses-suite";

const seen = upstream.seen;
const suite = responsesSuite("responses-stream-e2e", [
  { name: "reef.md", text: "Coral reefs bleach when the ocean warms." },
  { name: "whale.md", text: "Blue whales feed on krill in polar seas." },
]);
/** The stream tests run through both SDK versions' responses.stream(). */
const SDKS: [string, () => OpenAI][] = [
  ["openai 6", () => suite.client],
  ["openai 7", () => suite.client7],
];

const fileSearch = () => ({ type: "file_search" as const, vector_store_ids: [suite.storeId] });
const weather = { type: "function" as const, name: "get_weather", description: "Weather of a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, strict: false };
const search = (query: string) => ({ toolCalls: [{ name: "file_search", arguments: JSON.stringify({ queries: [query] }) }] });

describe.each(SDKS)("streaming from the upstream (%s)", (_, sdk) => {
  it("forwards text deltas while the upstream is still writing", async () => {
    let release = () => {};
    const hold = new Promise<void>((resolve) => (release = resolve));
    upstream.script = [{ content: "Coral reefs bleach when the ocean warms.", holdAfter: 3, hold }];
    const stream = sdk().responses.stream({ model: "gpt-test", input: "Why do reefs bleach?" });
    let finishedAtFirstDelta: number | null = null;
    stream.on("response.output_text.delta", () => {
      if (finishedAtFirstDelta !== null) return;
      finishedAtFirstDelta = upstream.finished;
      release();
    });
    const final = await stream.finalResponse();
    expect(finishedAtFirstDelta).toBe(0);
    expect(upstream.finished).toBe(1);
    expect(final.output_text).toBe("Coral reefs bleach when the ocean warms.");
    expect(seen[0]!.body.stream).toBe(true);
    expect(seen[0]!.body.stream_options).toEqual({ include_usage: true });
    expect(final.usage).toMatchObject({ input_tokens: 10, output_tokens: 5, total_tokens: 15 });
  });

  it("never leaks a mark split across upstream chunks; the annotation comes right after the delta ending at the mark", async () => {
    upstream.script = [
      search("coral reefs bleach"),
      (body) => ({ content: "", chunks: ["Reefs bleach", " [", String(sourceNumber(body, "reef.md")), "]. In [20", "24] it", " rained", " [", "9", "9]."] }),
    ];
    const stream = sdk().responses.stream({ model: "gpt-test", input: "Why do reefs bleach?", tools: [fileSearch()] });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    stream.on("event", (e) => events.push(e));
    const final = await stream.finalResponse();
    const deltas = events.flatMap((e) => (e.type === "response.output_text.delta" ? [e.delta] : []));
    expect(deltas.join("")).toBe("Reefs bleach. In [2024] it rained [99].");
    const at = events.findIndex((e) => e.type === "response.output_text.annotation.added");
    expect(events[at - 1]).toMatchObject({ type: "response.output_text.delta", delta: "Reefs bleach" });
    expect(events[at]).toMatchObject({ annotation_index: 0, annotation: { type: "file_citation", file_id: suite.fileIds["reef.md"], filename: "reef.md", index: 12 } });
    expect(events.filter((e) => e.type === "response.output_text.annotation.added")).toHaveLength(1);
    expect(final.output_text).toBe(deltas.join(""));
  });

  it("an upstream dropping the connection mid-stream gives response.failed, the open message incomplete, and the SDK ends normally", async () => {
    let release = () => {};
    const hold = new Promise<void>((resolve) => (release = resolve));
    upstream.script = [{ content: "Coral reefs bleach when the ocean warms.", holdAfter: 2, hold, breakAfter: 2 }];
    const stream = sdk().responses.stream({ model: "gpt-test", input: "Why?" });
    const types: string[] = [];
    stream.on("event", (e) => types.push(e.type));
    stream.on("response.output_text.delta", () => release());
    const final = await stream.finalResponse();
    expect(types.at(-1)).toBe("response.failed");
    expect(types).toContain("response.output_text.delta");
    expect(final.status).toBe("failed");
    expect(final.error?.code).toBe("server_error");
    expect(final.output.map((o) => [o.type, (o as { status?: string }).status])).toEqual([["message", "incomplete"]]);
    expect(final.output_text).toBe("Coral re");
  });

  it("an upstream cut by its length limit ends in response.incomplete with the message incomplete", async () => {
    upstream.script = [{ content: "A long answer that was cut", finish: "length" }];
    const stream = sdk().responses.stream({ model: "gpt-test", input: "Hi", max_output_tokens: 16 });
    const types: string[] = [];
    stream.on("event", (e) => types.push(e.type));
    const final = await stream.finalResponse();
    expect(types.at(-1)).toBe("response.incomplete");
    expect(final.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect((final.output[0] as { status?: string }).status).toBe("incomplete");
    expect(final.output_text).toBe("A long answer that was cut");
  });

  it("an error payload mid-stream gives response.failed with the upstream's message", async () => {
    upstream.script = [{ content: "Coral reefs bleach when the ocean warms.", errorAfter: 1 }];
    const response = await suite.client.responses.create({ model: "gpt-test", input: "Why?" });
    expect(response.status).toBe("failed");
    expect(response.error?.message).toContain("upstream overloaded mid-stream");
    expect((response.output[0] as { status?: string }).status).toBe("incomplete");
  });

  it("text streamed in a turn that also searches is its own message item, before the search", async () => {
    upstream.script = [{ content: "Let me look.", ...search("whales") }, { content: "They eat krill [1]." }];
    const response = await suite.client.responses.create({ model: "gpt-test", input: "What do whales eat?", tools: [fileSearch()] });
    expect(response.output.map((o) => o.type)).toEqual(["message", "file_search_call", "message"]);
    expect(response.output_text).toBe("Let me look.They eat krill.");
  });
});

describe.each(SDKS)("function tools through responses.stream (%s)", (_, sdk) => {
  it("a call of a client function ends the response with a function_call item and its argument events", async () => {
    upstream.script = [{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }] }];
    const stream = sdk().responses.stream({ model: "gpt-test", input: "Weather in Oslo?", tools: [fileSearch(), weather], parallel_tool_calls: false });
    const types: string[] = [];
    stream.on("event", (e) => types.push(e.type));
    const final = await stream.finalResponse();
    expect(types).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(final.status).toBe("completed");
    const call = final.output[0] as OpenAI.Responses.ResponseFunctionToolCall;
    expect(call).toMatchObject({ type: "function_call", call_id: "call_up_1_0", name: "get_weather", arguments: '{"city":"Oslo"}', status: "completed" });
    expect(call.id).toMatch(/^fc_/);
    expect(seen[0]!.body.tools?.map((t) => t.function.name)).toEqual(["file_search", "get_weather"]);
    expect(seen[0]!.body.parallel_tool_calls).toBe(false);
    expect(final.tools[1]).toEqual({ type: "function", name: "get_weather", description: "Weather of a city", parameters: weather.parameters, strict: false });
  });

});

describe("function tools", () => {
  it("tool_choice {type: function, name} forces that function upstream", async () => {
    upstream.script = [{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Bergen"}' }] }];
    const response = await suite.client.responses.create({ model: "gpt-test", input: "Weather?", tools: [weather], tool_choice: { type: "function", name: "get_weather" } });
    expect(seen[0]!.body.tool_choice).toEqual({ type: "function", function: { name: "get_weather" } });
    expect(response.output.map((o) => o.type)).toEqual(["function_call"]);
  });

  it.each([
    [{ tools: [{ type: "function", name: "file_search", parameters: { type: "object" }, strict: false }] }, "tools[0].name"],
    [{ tools: [weather], tool_choice: { type: "function", name: "nope" } }, "tool_choice"],
    [{ text: { format: { type: "xml" } } }, "text.format.type"],
    [{ text: { format: { type: "json_schema", name: "bad name!", schema: {} } } }, "text.format.name"],
    [{ max_tool_calls: -1 }, "max_tool_calls"],
  ])("400 for %j naming %s, before any model call", async (extra, param) => {
    const error = await suite.client.responses.create({ model: "gpt-test", input: "Hi", ...(extra as object) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe(param);
    expect(seen).toHaveLength(0);
  });
});

describe("text.format and max_tool_calls", () => {
  it("json_schema reaches the upstream as response_format and is echoed", async () => {
    const format = { type: "json_schema" as const, name: "answer", schema: { type: "object", properties: { a: { type: "string" } }, required: ["a"], additionalProperties: false }, strict: true };
    upstream.script = [{ content: '{"a":"b"}' }];
    const response = await suite.client.responses.create({ model: "gpt-test", input: "JSON please", text: { format } });
    const { type, ...jsonSchema } = format;
    expect(seen[0]!.body.response_format).toEqual({ type, json_schema: jsonSchema });
    expect(response.text?.format).toEqual(format);
    expect(response.output_text).toBe('{"a":"b"}');
    upstream.script = [{ content: "{}" }];
    await suite.client.responses.create({ model: "gpt-test", input: "JSON please", text: { format: { type: "json_object" } } });
    expect(seen[1]!.body.response_format).toEqual({ type: "json_object" });
  });

  it("max_tool_calls caps the searches: an excess call is not executed and the model is told so", async () => {
    upstream.script = [{ toolCalls: [{ name: "file_search", arguments: '{"queries":["reefs"]}' }, { name: "file_search", arguments: '{"queries":["whales"]}' }] }, { content: "Done." }];
    const response = await suite.client.responses.create({ model: "gpt-test", input: "Reefs and whales?", tools: [fileSearch()], max_tool_calls: 1 } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    expect(response.output.map((o) => o.type)).toEqual(["file_search_call", "message"]);
    expect((response as { max_tool_calls?: number | null }).max_tool_calls).toBe(1);
    const toolMessages = seen[1]!.body.messages.filter((m) => m.role === "tool").map((m) => m.content);
    expect(toolMessages[1]).toBe("not executed: limit reached");
    expect(seen[1]!.body.tools).toBeUndefined();
  });
});

describe.each(SDKS)("an upstream without tool calling (%s)", (_, sdk) => {
  it("rejecting tools: one search with the user's text first, sources in a system message, one streamed answer without tools", async () => {
    upstream.script = [{ status: 400, error: "registry.ollama.ai/library/llama3:latest does not support tools" }, (body) => ({ content: `Reefs bleach when warm [${sourceNumber(body, "reef.md")}].` })];
    const stream = sdk().responses.stream({ model: "gpt-test", input: "Why do coral reefs bleach?", tools: [fileSearch()] });
    const types: string[] = [];
    stream.on("event", (e) => types.push(e.type));
    const final = await stream.finalResponse();
    expect(types.slice(0, 7)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.file_search_call.in_progress",
      "response.file_search_call.searching",
      "response.file_search_call.completed",
      "response.output_item.done",
    ]);
    expect(final.status).toBe("completed");
    expect((final.output[0] as OpenAI.Responses.ResponseFileSearchToolCall).queries).toEqual(["Why do coral reefs bleach?"]);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.body.tools).toBeUndefined();
    expect(seen[1]!.body.messages.some((m) => m.role === "system" && (m.content ?? "").includes("reef.md"))).toBe(true);
    const part = (final.output[1] as OpenAI.Responses.ResponseOutputMessage).content[0] as OpenAI.Responses.ResponseOutputText;
    expect(part.text).toBe("Reefs bleach when warm.");
    expect(part.annotations).toEqual([{ type: "file_citation", file_id: suite.fileIds["reef.md"], filename: "reef.md", index: "Reefs bleach when warm".length }]);
  });
});
