import { describe, expect, it } from "vitest";
import { HashEmbedder } from "../../../src/core/embedding/hash";

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

describe("HashEmbedder", () => {
  it("names its model and size, and takes large batches", () => {
    const e = new HashEmbedder();
    expect([e.id, e.dimensions, e.maxBatchSize]).toEqual(["hash-v1-256", 256, 1000]);
    expect(new HashEmbedder(1024).id).toBe("hash-v1-1024");
    expect(() => new HashEmbedder(0)).toThrow(RangeError);
  });

  it("is deterministic across instances and returns unit vectors", async () => {
    const text = "Aspirin reduces the risk of myocardial infarction.";
    const [a] = await new HashEmbedder(512).embed([text], "document");
    const [b] = await new HashEmbedder(512).embed([text], "query");
    expect(a).toEqual(b);
    expect(a).toHaveLength(512);
    expect(dot(a!, a!)).toBeCloseTo(1, 5);
  });

  it("embeds text without words as the zero vector", async () => {
    const [v] = await new HashEmbedder(64).embed([""], "document");
    expect([...v!].every((x) => x === 0)).toBe(true);
    const [stop] = await new HashEmbedder(64).embed(["the and of ... !!"], "query");
    expect([...stop!].every((x) => x === 0)).toBe(true);
  });

  it("scores related texts above unrelated ones", async () => {
    const e = new HashEmbedder(1024);
    const [query, related, paraphrase, unrelated] = await e.embed(
      [
        "Does aspirin lower the risk of heart attacks?",
        "Low-dose aspirin lowered the risk of heart attack in a randomized trial of 20,000 adults.",
        "Daily aspirin use and myocardial infarction risk: heart attacks were less frequent.",
        "The central bank raised interest rates to slow inflation in the housing market.",
      ],
      "document",
    );
    expect(dot(query!, related!)).toBeGreaterThan(dot(query!, unrelated!) + 0.2);
    expect(dot(query!, paraphrase!)).toBeGreaterThan(dot(query!, unrelated!));
  });

  it("matches morphological and spelling variants", async () => {
    const e = new HashEmbedder(1024);
    const [a, b, c] = await e.embed(["tumour growth inhibition", "tumor grows inhibited", "quarterly revenue forecast"], "document");
    expect(dot(a!, b!)).toBeGreaterThan(0.3);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!) + 0.3);
  });

  it("embeds a Chinese word close to the sentence that contains it", async () => {
    const e = new HashEmbedder(256);
    const [query, sentence, unrelated] = await e.embed(["设备清单", "本周我们整理了设备清单并更新了机房的网络拓扑图。", "明天下午三点在会议室开会讨论预算。"], "document");
    expect(dot(query!, sentence!)).toBeGreaterThan(dot(query!, unrelated!) + 0.2);
  });
});
