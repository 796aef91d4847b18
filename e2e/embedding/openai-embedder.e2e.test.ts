// OpenAIEmbedder against a real HTTP server on loopback that speaks the embeddings protocol.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OpenAIEmbedder, type OpenAIEmbedderOptions } from "../../src/core/embedding/openai";

interface EmbeddingsRequest {
  model: string;
  input: string[];
  dimensions?: number;
  encoding_format?: string;
}

type Handler = (req: EmbeddingsRequest, res: ServerResponse, attempt: number) => void;

const seen: { body: EmbeddingsRequest; authorization: string | undefined; path: string | undefined }[] = [];
let handler: Handler;
let baseURL = "";
const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
  let raw = "";
  for await (const part of req) raw += String(part);
  const body = JSON.parse(raw) as EmbeddingsRequest;
  seen.push({ body, authorization: req.headers.authorization, path: req.url });
  handler(body, res, seen.length);
});

/** A vector per input whose first component encodes the input's position, so order can be checked. */
function vectors(req: EmbeddingsRequest, dims: number) {
  return req.input.map((_, index) => ({ object: "embedding", index, embedding: Array.from({ length: dims }, (_, d) => (d === 0 ? index + 1 : 0)) }));
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

const embedder = (options: Partial<OpenAIEmbedderOptions> = {}) =>
  new OpenAIEmbedder({ baseURL, apiKey: "sk-secret", model: "text-embedding-3-small", dimensions: 4, retryBaseMs: 10, ...options });

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
});

describe("OpenAIEmbedder", () => {
  it("posts the OpenAI request shape and returns vectors in input order, whatever order the server uses", async () => {
    handler = (req, res) => reply(res, 200, { object: "list", data: vectors(req, 4).reverse(), model: req.model });
    const out = await embedder().embed(["a", "b", "c"], "document");
    expect(seen[0]).toEqual({
      path: "/v1/embeddings",
      authorization: "Bearer sk-secret",
      body: { model: "text-embedding-3-small", input: ["a", "b", "c"], encoding_format: "float", dimensions: 4 },
    });
    expect(out.map((v) => Array.from(v))).toEqual([1, 2, 3].map(() => [1, 0, 0, 0]));
    expect(embedder().id).toBe("openai:text-embedding-3-small:4");
  });

  it("sends `dimensions` only to text-embedding-3 models, and never an empty string", async () => {
    handler = (req, res) => reply(res, 200, { data: vectors(req, 4) });
    await embedder({ model: "nomic-embed-text" }).embed(["", "x"], "query");
    expect(seen[0]?.body).toEqual({ model: "nomic-embed-text", input: [" ", "x"], encoding_format: "float" });
  });

  it("splits more than 256 texts into several requests", async () => {
    handler = (req, res) => reply(res, 200, { data: vectors(req, 4) });
    const out = await embedder().embed(Array.from({ length: 600 }, (_, i) => `t${i}`), "document");
    expect(seen.map((s) => s.body.input.length)).toEqual([256, 256, 88]);
    expect(out).toHaveLength(600);
  });

  it("retries 429 after the server's retry-after, then succeeds", async () => {
    handler = (req, res, attempt) =>
      attempt === 1 ? reply(res, 429, { error: { message: "Rate limit reached" } }, { "retry-after-ms": "30" }) : reply(res, 200, { data: vectors(req, 4) });
    const started = Date.now();
    expect(await embedder({ retryBaseMs: 5000 }).embed(["a"], "document")).toHaveLength(1);
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("gives up on repeated 5xx after maxRetries with a clear error", async () => {
    handler = (_req, res) => reply(res, 503, { error: { message: "overloaded" } });
    await expect(embedder({ maxRetries: 2 }).embed(["a"], "document")).rejects.toThrow(/failed after 3 attempt\(s\): 503 overloaded/);
    expect(seen).toHaveLength(3);
  });

  it("does not retry a 400, and reports the server's message without the API key", async () => {
    handler = (_req, res) => reply(res, 400, { error: { message: "This model does not support dimensions" } });
    const error = await embedder().embed(["a"], "document").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/400 This model does not support dimensions/);
    expect((error as Error).message).not.toContain("sk-secret");
    expect(seen).toHaveLength(1);
  });

  it("rejects embeddings of the wrong size or count", async () => {
    handler = (req, res) => reply(res, 200, { data: vectors(req, 3) });
    await expect(embedder().embed(["a"], "document")).rejects.toThrow(/3-dimensional.*4 are configured/);
    handler = (req, res) => reply(res, 200, { data: vectors(req, 4).slice(1) });
    await expect(embedder().embed(["a", "b"], "document")).rejects.toThrow(/1 embeddings for 2 inputs/);
    handler = (_req, res) => reply(res, 200, { nope: true });
    await expect(embedder().embed(["a"], "document")).rejects.toThrow(/unexpected body/);
  });

  it("normalizes vectors to unit length", async () => {
    handler = (req, res) => reply(res, 200, { data: req.input.map((_, index) => ({ index, embedding: [3, 4, 0, 0] })) });
    const [v] = await embedder().embed(["a"], "document");
    const [x, y, ...rest] = Array.from(v ?? []);
    expect(x).toBeCloseTo(0.6, 6);
    expect(y).toBeCloseTo(0.8, 6);
    expect(rest).toEqual([0, 0]);
  });

  it("retries network failures and then reports them", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const e = embedder({ baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 1 });
    await expect(e.embed(["a"], "document")).rejects.toThrow(/failed after 2 attempt\(s\)/);
  });
});
