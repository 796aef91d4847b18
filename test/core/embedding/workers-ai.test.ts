import { describe, expect, it } from "vitest";
import { WorkersAiEmbedder, type AiRunner } from "../../../src/core/embedding/workers-ai";
import { FakeWorkersAi, MAX_TEXTS_PER_CALL } from "../../fakes/workers-ai";

// The AI binding itself satisfies the embedder's port.
const bindingFits = (ai: Ai): AiRunner => ai;
void bindingFits;

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe("WorkersAiEmbedder", () => {
  it("splits large inputs into calls of at most 100 texts and keeps their order", async () => {
    const ai = new FakeWorkersAi();
    const e = new WorkersAiEmbedder(ai, "@cf/baai/bge-m3", 1024);
    const texts = Array.from({ length: 250 }, (_, i) => `document number ${i}`);
    const vectors = await e.embed(texts, "document");
    expect(ai.calls.map((c) => (c.inputs.text as string[]).length)).toEqual([100, 100, 50]);
    expect(vectors).toHaveLength(250);
    const [again] = await e.embed([texts[137]!], "document");
    expect(vectors[137]).toEqual(again);
    expect(norm(vectors[0]!)).toBeCloseTo(1, 5);
    expect(e.maxBatchSize).toBe(MAX_TEXTS_PER_CALL);
    expect(e.id).toBe("workers-ai:@cf/baai/bge-m3:1024");
  });

  it("asks bge-m3 to truncate over-long inputs instead of failing", async () => {
    const ai = new FakeWorkersAi();
    await new WorkersAiEmbedder(ai, "@cf/baai/bge-m3", 1024).embed(["short"], "query");
    expect(ai.calls[0]?.inputs).toEqual({ text: ["short"], truncate_inputs: true });
  });

  it("sends qwen3 queries and documents in their own fields", async () => {
    const ai = new FakeWorkersAi();
    const e = new WorkersAiEmbedder(ai, "@cf/qwen/qwen3-embedding-0.6b", 1024);
    await e.embed(["what is x"], "query");
    await e.embed(["x is y"], "document");
    expect(ai.calls.map((c) => c.inputs)).toEqual([{ queries: ["what is x"] }, { documents: ["x is y"] }]);
  });

  it("fails clearly when the model's dimensions differ from the configured ones", async () => {
    const e = new WorkersAiEmbedder(new FakeWorkersAi(), "@cf/google/embeddinggemma-300m", 1024);
    await expect(e.embed(["text"], "document")).rejects.toThrow(/not 1024 numbers/);
  });

  it("surfaces binding errors (capacity, unknown model, input too long)", async () => {
    const ai = new FakeWorkersAi();
    ai.failNext(new Error("3040: Capacity temporarily exceeded"));
    await expect(new WorkersAiEmbedder(ai, "@cf/baai/bge-m3", 1024).embed(["a"], "document")).rejects.toThrow(/3040/);
    await expect(new WorkersAiEmbedder(ai, "@cf/nope/model", 8).embed(["a"], "document")).rejects.toThrow(/5007/);
    const long = "word ".repeat(600);
    await expect(new WorkersAiEmbedder(ai, "@cf/baai/bge-small-en-v1.5", 384).embed([long], "document")).rejects.toThrow(/exceeds 512/);
  });

  it("fake: refuses more than 100 texts in one call, as the binding does", async () => {
    const ai = new FakeWorkersAi();
    await expect(ai.run("@cf/baai/bge-m3", { text: Array.from({ length: 101 }, () => "x") })).rejects.toThrow(/max 100/);
    expect(await ai.run("@cf/baai/bge-base-en-v1.5", { text: "one" })).toMatchObject({ shape: [1, 768] });
  });
});
