// POST /v1/responses through the official SDK, with the worker's model loop running against a fake Chat Completions server.
import OpenAI, { BadRequestError, NotFoundError } from "openai";
import { describe, expect, it } from "vitest";
import { sourceNumber, upstream } from "../fake-chat-upstream";
import { responsesSuite } from "./responses-suite";

const seen = upstream.seen;
const suite = responsesSuite("responses-e2e", [
  { name: "reef.md", text: "Coral reefs bleach when the ocean warms.", attributes: { topic: "ocean" } },
  { name: "whale.md", text: "Blue whales feed on krill in polar seas.", attributes: { topic: "ocean" } },
  { name: "lava.md", text: "Basalt lava flows cool into columns.", attributes: { topic: "geology" } },
]);

const tools = (extra: Record<string, unknown> = {}) => [{ type: "file_search" as const, vector_store_ids: [suite.storeId], ...extra }];

describe("responses.create with file_search", () => {
  it("searches, returns results when included, and turns the model's [n] marks into file_citation annotations", async () => {
    upstream.script = [
      { toolCalls: [{ name: "file_search", arguments: JSON.stringify({ queries: ["why do coral reefs bleach"] }) }] },
      (body) => ({ content: `Reefs bleach when the ocean warms [${sourceNumber(body, "reef.md")}].` }),
    ];
    const response = await suite.client.responses.create({ model: "gpt-test", input: "Why do reefs bleach?", tools: tools({ max_num_results: 5 }), include: ["file_search_call.results"] });
    expect(response.status).toBe("completed");
    expect(response.output.map((o) => o.type)).toEqual(["file_search_call", "message"]);
    const call = response.output[0] as OpenAI.Responses.ResponseFileSearchToolCall;
    expect(call.status).toBe("completed");
    expect(call.queries).toEqual(["why do coral reefs bleach"]);
    expect(call.results?.[0]?.filename).toBe("reef.md");
    expect(call.results?.[0]?.file_id).toBe(suite.fileIds["reef.md"]);
    expect(response.output_text).toBe("Reefs bleach when the ocean warms.");
    const message = response.output[1] as OpenAI.Responses.ResponseOutputMessage;
    const part = message.content[0] as OpenAI.Responses.ResponseOutputText;
    expect(part.annotations).toEqual([{ type: "file_citation", file_id: suite.fileIds["reef.md"], filename: "reef.md", index: "Reefs bleach when the ocean warms".length }]);
    expect(response.usage).toMatchObject({ input_tokens: 20, output_tokens: 10, total_tokens: 30 });
    expect(response.model).toBe("gpt-test");
    expect(response.tools).toEqual([{ type: "file_search", vector_store_ids: [suite.storeId], max_num_results: 5, filters: null, ranking_options: { ranker: "auto", score_threshold: 0 } }]);
    // The upstream saw one search tool, then a last call without tools, and never a store id.
    expect(seen).toHaveLength(2);
    expect(seen[0]!.authorization).toBe("Bearer sk-upstream");
    expect(seen[0]!.body.tools?.map((t) => t.function.name)).toEqual(["file_search"]);
    expect(seen[1]!.body.tool_choice).toBe("auto");
    expect(JSON.stringify(seen.map((s) => s.body))).not.toContain(suite.storeId);
  });

  it("bounds the loop: a model that keeps searching gets a last call without tools, so the response ends in text", async () => {
    const search = { toolCalls: [{ name: "file_search", arguments: JSON.stringify({ query: "reefs" }) }] };
    upstream.script = [search, search, search, { content: "Done [1]." }];
    const response = await suite.client.responses.create({ model: "gpt-test", input: "Reefs?", tools: tools(), tool_choice: "required" });
    expect(seen).toHaveLength(4);
    expect(seen[0]!.body.tool_choice).toEqual({ type: "function", function: { name: "file_search" } });
    expect(seen[1]!.body.tool_choice).toBe("auto");
    expect(seen[3]!.body.tools).toBeUndefined();
    expect(response.output.map((o) => o.type)).toEqual(["file_search_call", "file_search_call", "file_search_call", "message"]);
    expect((response.output[0] as OpenAI.Responses.ResponseFileSearchToolCall).queries).toEqual(["reefs"]);
    expect(response.output_text).toBe("Done.");
  });

  it("leaves results null without include, and applies the tool's filters", async () => {
    upstream.script = [{ toolCalls: [{ name: "file_search", arguments: JSON.stringify({ queries: ["lava columns ocean reefs"] }) }] }, { content: "Nothing to cite here." }];
    const response = await suite.client.responses.create({
      model: "gpt-test",
      input: "Tell me about lava.",
      tools: tools({ filters: { type: "eq", key: "topic", value: "geology" } }),
    });
    const call = response.output[0] as OpenAI.Responses.ResponseFileSearchToolCall;
    expect(call.results).toBeNull();
    const tool = seen[1]!.body.messages.find((m) => m.role === "tool")!.content!;
    expect(tool).toContain("lava.md");
    expect(tool).not.toContain("reef.md");
    expect(tool).not.toContain("whale.md");
    // The model cited nothing: the searched file is attributed at the end of the text.
    const part = (response.output[1] as OpenAI.Responses.ResponseOutputMessage).content[0] as OpenAI.Responses.ResponseOutputText;
    expect(part.text).toBe("Nothing to cite here.");
    expect(part.annotations).toEqual([{ type: "file_citation", file_id: suite.fileIds["lava.md"], filename: "lava.md", index: part.text.length }]);
  });

  it("applies the tool's ranking_options: a score_threshold above every score leaves no sources and nothing cited", async () => {
    upstream.script = [{ toolCalls: [{ name: "file_search", arguments: JSON.stringify({ queries: ["coral reefs bleach"] }) }] }, { content: "I found nothing." }];
    const response = await suite.client.responses.create({
      model: "gpt-test",
      input: "Reefs?",
      tools: tools({ ranking_options: { score_threshold: 1 } }),
      include: ["file_search_call.results"],
    });
    expect((response.output[0] as OpenAI.Responses.ResponseFileSearchToolCall).results).toEqual([]);
    expect(seen[1]!.body.messages.find((m) => m.role === "tool")!.content).toBe("No matching passages were found.");
    const part = (response.output[1] as OpenAI.Responses.ResponseOutputMessage).content[0] as OpenAI.Responses.ResponseOutputText;
    expect(part.annotations).toEqual([]);
  });

  it("answers without searching when the model does not call the tool; no file_search_call item", async () => {
    upstream.script = [{ content: "Hello [2024]." }];
    const response = await suite.client.responses.create({ model: "gpt-test", input: "Hi", instructions: "Be brief.", tools: tools() });
    expect(response.output.map((o) => o.type)).toEqual(["message"]);
    expect(response.output_text).toBe("Hello [2024].");
    expect(seen[0]!.body.messages.some((m) => m.role === "system" && m.content === "Be brief.")).toBe(true);
  });

  it("reports a failed search in the item instead of swallowing it, and a failed upstream as a failed response", async () => {
    upstream.script = [{ status: 500, error: "upstream exploded" }];
    const response = await suite.client.responses.create({ model: "gpt-test", input: "Hi", tools: tools() });
    expect(response.status).toBe("failed");
    expect(response.error?.code).toBe("server_error");
    expect(response.error?.message).toContain("upstream exploded");
    // The endpoint's address (configuration) is not shown to API clients.
    expect(response.error?.message).not.toContain("127.0.0.1");
  });

  it("answers a call of a tool that was not offered as an unknown tool and lets the model go on, so the response ends in text", async () => {
    upstream.script = [
      { toolCalls: [{ name: "web_search", arguments: JSON.stringify({ q: "reefs" }) }] },
      (body) => {
        const tool = body.messages.find((m) => m.role === "tool")?.content ?? "";
        if (!tool.includes("no tool named 'web_search'") || !tool.includes("file_search")) return { status: 400, error: `unexpected tool message: ${tool}` };
        return { content: "Reefs bleach in warm water." };
      },
    ];
    const response = await suite.client.responses.create({ model: "gpt-test", input: "Why do reefs bleach?", tools: tools() });
    expect(response.status).toBe("completed");
    expect(response.output_text).toBe("Reefs bleach in warm water.");
    expect(seen).toHaveLength(2);
  });

  it("reports an upstream 4xx about a tool's schema as a failure instead of dropping the tools", async () => {
    upstream.script = [{ status: 400, error: "Invalid 'tools[1].function.name': string does not match pattern." }];
    const response = await suite.client.responses.create({ model: "gpt-test", input: "Hi", tools: tools() });
    expect(response.status).toBe("failed");
    expect(response.error?.message).toContain("Invalid 'tools[1].function.name'");
    expect(seen).toHaveLength(1);
  });

  it("cites nothing by fallback for a search whose files are unlikely answers, or for an empty answer", async () => {
    upstream.script = [
      { toolCalls: [{ name: "file_search", arguments: JSON.stringify({ queries: ["quantum chromodynamics lattice gauge"] }) }] },
      { content: "I could not find that." },
    ];
    const unlikely = await suite.client.responses.create({ model: "gpt-test", input: "QCD?", tools: tools(), include: ["file_search_call.results"] });
    const results = (unlikely.output[0] as OpenAI.Responses.ResponseFileSearchToolCall).results ?? [];
    expect(results.every((r) => (r.score ?? 0) < 0.5)).toBe(true);
    const part = (unlikely.output[1] as OpenAI.Responses.ResponseOutputMessage).content[0] as OpenAI.Responses.ResponseOutputText;
    expect(part.annotations).toEqual([]);
    upstream.script = [{ toolCalls: [{ name: "file_search", arguments: JSON.stringify({ queries: ["coral reefs bleach ocean warms"] }) }] }, { content: "" }];
    const empty = await suite.client.responses.create({ model: "gpt-test", input: "Reefs?", tools: tools() });
    expect(((empty.output[1] as OpenAI.Responses.ResponseOutputMessage).content[0] as OpenAI.Responses.ResponseOutputText).annotations).toEqual([]);
  });

  it("marks a response cut by the upstream's length limit incomplete", async () => {
    upstream.script = [{ content: "A long answer", finish: "length" }];
    const response = await suite.client.responses.create({ model: "gpt-test", input: "Hi", max_output_tokens: 16 });
    expect(response.status).toBe("incomplete");
    expect(response.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(seen[0]!.body.max_tokens).toBe(16);
  });
});

describe("streaming", () => {
  it("the SDK stream helper accepts the events and finalResponse() carries the citations", async () => {
    upstream.script = [{ toolCalls: [{ name: "file_search", arguments: JSON.stringify({ queries: ["whales krill"] }) }] }, { content: "Blue whales eat krill [1]. That is all.", chunks: ["Blue whales eat krill [1]. That is all."] }];
    const stream = suite.client.responses.stream({ model: "gpt-test", input: "What do whales eat?", tools: tools() });
    const types: string[] = [];
    let text = "";
    stream.on("event", (e) => types.push(e.type));
    stream.on("response.output_text.delta", (e) => (text += e.delta));
    const final = await stream.finalResponse();
    expect(types).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.file_search_call.in_progress",
      "response.file_search_call.searching",
      "response.file_search_call.completed",
      "response.output_item.done",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.annotation.added",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(text).toBe("Blue whales eat krill. That is all.");
    expect(final.output_text).toBe(text);
    const part = (final.output[1] as OpenAI.Responses.ResponseOutputMessage).content[0] as OpenAI.Responses.ResponseOutputText;
    const first = seen[1]!.body.messages.find((m) => m.role === "tool")!.content!;
    expect(first.startsWith("[1] ")).toBe(true);
    const cited = first.slice(4, first.indexOf(" (score"));
    expect(part.annotations).toEqual([{ type: "file_citation", file_id: suite.fileIds[cited], filename: cited, index: "Blue whales eat krill".length }]);
  });

  it("for await over create({stream:true}) gives gapless sequence numbers from 0", async () => {
    upstream.script = [{ content: "Plain answer." }];
    const stream = await suite.client.responses.create({ model: "gpt-test", input: "Hi", stream: true });
    const sequence: number[] = [];
    let last = "";
    for await (const event of stream) {
      sequence.push(event.sequence_number);
      last = event.type;
    }
    expect(sequence).toEqual(sequence.map((_, i) => i));
    expect(last).toBe("response.completed");
  });
});

describe("validation before any model call", () => {
  it.each([
    [{ temperature: 3 }, "temperature"],
    [{ tools: [{ type: "file_search", vector_store_ids: ["vs_x"], max_num_results: 51 }] }, "tools[0].max_num_results"],
    [{ previous_response_id: "resp_abc" }, "previous_response_id"],
    [{ tool_choice: "sometimes" }, "tool_choice"],
    [{ tools: [{ type: "file_search", vector_store_ids: ["vs_x"], ranking_options: { hybrid_search: { embedding_weight: 0, text_weight: 0 } } }] }, "tools[0].ranking_options.hybrid_search"],
    [{ include: ["nonsense"] }, "include[0]"],
    [{ metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"])) }, "metadata"],
    [{ conversation: "conv_123" }, "conversation"],
    [{ prompt: { id: "pmpt_123" } }, "prompt"],
  ])("400 for %j naming %s", async (extra, param) => {
    const error = await suite.client.responses.create({ model: "gpt-test", input: "Hi", ...(extra as object) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe(param);
    expect(seen).toHaveLength(0);
  });

  it("400 without a model", async () => {
    const error = await suite.client.responses.create({ input: "Hi" } as OpenAI.Responses.ResponseCreateParamsNonStreaming).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe("model");
  });

  it("404 in the store's words for another project's store, before the model is called", async () => {
    const theirs = await suite.other.vectorStores.create({ name: "not yours" });
    const error = await suite.client.responses.create({ model: "gpt-test", input: "Hi", tools: [{ type: "file_search", vector_store_ids: [theirs.id] }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain(`No vector store found with id '${theirs.id}'.`);
    expect(seen).toHaveLength(0);
  });
});

describe("stored responses", () => {
  it("continues a conversation through previous_response_id: the upstream sees the first turn, its search replayed", async () => {
    upstream.script = [
      { toolCalls: [{ name: "file_search", arguments: JSON.stringify({ queries: ["why do coral reefs bleach"] }) }] },
      (body) => ({ content: `Reefs bleach when the ocean warms [${sourceNumber(body, "reef.md")}].` }),
      (body) => {
        // The fake refuses unless the second turn carries the first one: its question, its search (numbered) and its answer.
        const texts = body.messages.map((m) => `${m.role}: ${m.content ?? ""}`);
        const first = texts.indexOf("user: Why do reefs bleach?");
        const replay = body.messages.find((m) => m.role === "tool")?.content ?? "";
        if (first < 0 || !texts.includes("assistant: Reefs bleach when the ocean warms.") || !/^\[\d+\] reef\.md \(score/.test(replay) || texts.at(-1) !== "user: And whales?")
          return { status: 400, error: `second turn lacks the first: ${JSON.stringify(texts)}` };
        return { content: "Whales are not in that answer." };
      },
    ];
    const one = await suite.client.responses.create({ model: "gpt-test", input: "Why do reefs bleach?", tools: tools() });
    const two = await suite.client.responses.create({ model: "gpt-test", input: "And whales?", previous_response_id: one.id });
    expect(two.status).toBe("completed");
    expect(two.previous_response_id).toBe(one.id);
    // `store` is in the spec's Response but not in this SDK version's type.
    expect((two as unknown as { store: boolean }).store).toBe(true);
    expect(two.output_text).toBe("Whales are not in that answer.");
    // The replay is a well-formed tool call and answer (the fake checks the tool_call ids), and no tools are offered.
    expect(seen[2]!.body.messages.filter((m) => m.role === "assistant")[0]!.tool_calls?.[0]?.function.name).toBe("file_search");
    expect(seen[2]!.body.tools).toBeUndefined();
  });

  it("a follow-up that cites a source of an earlier turn's search, without searching again, gets its file_citation", async () => {
    upstream.script = [
      { toolCalls: [{ name: "file_search", arguments: JSON.stringify({ queries: ["why do coral reefs bleach"] }) }] },
      (body) => ({ content: `Reefs bleach when the ocean warms [${sourceNumber(body, "reef.md")}].` }),
      // The second turn answers from the replayed search, citing the number it was given there.
      (body) => ({ content: `As said, warming water [${sourceNumber(body, "reef.md")}].` }),
    ];
    const one = await suite.client.responses.create({ model: "gpt-test", input: "Why do reefs bleach?", tools: tools() });
    const two = await suite.client.responses.create({ model: "gpt-test", input: "Remind me?", previous_response_id: one.id, tools: tools() });
    expect(two.output_text).toBe("As said, warming water.");
    const part = two.output.flatMap((o) => (o.type === "message" ? o.content : [])).find((p) => p.type === "output_text");
    expect(part?.type === "output_text" ? part.annotations : null).toEqual([
      { type: "file_citation", file_id: suite.fileIds["reef.md"], filename: "reef.md", index: "As said, warming water".length },
    ]);
  });

  it("refuses two input items with one id (stored items are named by their ids)", async () => {
    upstream.script = [{ content: "First." }];
    const one = await suite.client.responses.create({ model: "gpt-test", input: "Hi" });
    const output = one.output as OpenAI.Responses.ResponseInputItem[];
    const error = await suite.client.responses.create({ model: "gpt-test", input: [...output, ...output, { role: "user", content: "again" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe("input[1]");
    expect((error as BadRequestError).message).toContain(`Duplicate item found with id '${one.output[0]!.id}'.`);
    expect(seen).toHaveLength(1);
  });

  it("retrieves a stored response, with file_search results only when include asks", async () => {
    upstream.script = [{ toolCalls: [{ name: "file_search", arguments: JSON.stringify({ queries: ["whales krill"] }) }] }, { content: "Blue whales eat krill [1]." }];
    const made = await suite.client.responses.create({ model: "gpt-test", input: "What do whales eat?", tools: tools() });
    const plain = await suite.client.responses.retrieve(made.id);
    expect(plain.id).toBe(made.id);
    expect(plain.output_text).toBe(made.output_text);
    expect((plain.output[0] as OpenAI.Responses.ResponseFileSearchToolCall).results).toBeNull();
    const full = await suite.client.responses.retrieve(made.id, { include: ["file_search_call.results"] });
    const results = (full.output[0] as OpenAI.Responses.ResponseFileSearchToolCall).results!;
    expect(results.map((r) => r.filename)).toContain("whale.md");
    expect({ ...full, output: [] }).toEqual({ ...plain, output: [] });
  });

  it("deletes, after which retrieve and delete answer 404", async () => {
    upstream.script = [{ content: "Short-lived." }];
    const made = await suite.client.responses.create({ model: "gpt-test", input: "Hi" });
    await suite.client.responses.delete(made.id);
    const error = await suite.client.responses.retrieve(made.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain(`Response with id '${made.id}' not found.`);
    expect(await suite.client.responses.delete(made.id).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
  });

  it("lists input_items with ids, newest first, through the SDK's auto-pagination", async () => {
    upstream.script = [{ content: "Counted." }];
    const input = ["one", "two", "three", "four", "five"].map((text) => ({ role: "user" as const, content: text }));
    const made = await suite.client.responses.create({ model: "gpt-test", input });
    const page = await suite.client.responses.inputItems.list(made.id, { limit: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.has_more).toBe(true);
    const texts: string[] = [];
    for await (const item of suite.client.responses.inputItems.list(made.id, { limit: 2 })) {
      expect(item.id).toMatch(/^msg_/);
      const message = item as OpenAI.Responses.ResponseInputMessageItem;
      texts.push((message.content[0] as OpenAI.Responses.ResponseInputText).text);
    }
    expect(texts).toEqual(["five", "four", "three", "two", "one"]);
    const asc = await suite.client.responses.inputItems.list(made.id, { order: "asc" });
    expect(asc.data.map((i) => ((i as OpenAI.Responses.ResponseInputMessageItem).content[0] as OpenAI.Responses.ResponseInputText).text)).toEqual(["one", "two", "three", "four", "five"]);
  });

  it("store: false keeps nothing: retrieve 404, chaining 400", async () => {
    upstream.script = [{ content: "Forgotten." }];
    const made = await suite.client.responses.create({ model: "gpt-test", input: "Hi", store: false });
    expect((made as unknown as { store: boolean }).store).toBe(false);
    expect(await suite.client.responses.retrieve(made.id).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
    const error = await suite.client.responses.create({ model: "gpt-test", input: "Again", previous_response_id: made.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).code).toBe("previous_response_not_found");
    expect((error as BadRequestError).param).toBe("previous_response_id");
    expect(seen).toHaveLength(1);
  });

  it("another project's response answers 404, and 400 as its previous_response_id", async () => {
    upstream.script = [{ content: "Mine." }];
    const made = await suite.client.responses.create({ model: "gpt-test", input: "Hi" });
    expect(await suite.other.responses.retrieve(made.id).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
    expect(await suite.other.responses.inputItems.list(made.id).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
    expect(await suite.other.responses.delete(made.id).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
    const error = await suite.other.responses.create({ model: "gpt-test", input: "Hi", previous_response_id: made.id }).catch((e: unknown) => e);
    expect((error as BadRequestError).code).toBe("previous_response_not_found");
    expect((await suite.client.responses.retrieve(made.id)).id).toBe(made.id);
  });

  it("stores a streamed response: retrieve after finalResponse() gives the same response", async () => {
    upstream.script = [{ content: "Streamed and stored." }];
    const final = await suite.client.responses.stream({ model: "gpt-test", input: "Hi" }).finalResponse();
    const got = await suite.client.responses.retrieve(final.id);
    expect(got.status).toBe("completed");
    expect(got.output_text).toBe("Streamed and stored.");
  });

  it("sends function_call and function_call_output input items upstream as tool_calls and a tool message", async () => {
    upstream.script = [{ content: "It is sunny in Oslo." }];
    const response = await suite.client.responses.create({
      model: "gpt-test",
      input: [
        { role: "user", content: "Weather in Oslo?" },
        { type: "function_call", call_id: "call_w1", name: "get_weather", arguments: '{"city":"Oslo"}' },
        { type: "function_call_output", call_id: "call_w1", output: "Sunny" },
      ],
    });
    expect(response.status).toBe("completed");
    const messages = seen[0]!.body.messages;
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(messages[1]!.tool_calls).toEqual([{ id: "call_w1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }]);
    expect(messages[2]).toMatchObject({ role: "tool", tool_call_id: "call_w1", content: "Sunny" });
  });
});
