// The setup both Responses e2e files share: a fake Chat Completions upstream, a worker using it, spec-checked clients
// of openai 6 and 7, and one vector store holding the given documents. Every /responses body and stream event is
// checked against the Responses spec subset; the violations are asserted empty at the end.
import OpenAI, { toFile } from "openai";
import OpenAIv7 from "openai-v7";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { API_KEY, OTHER_KEY, startWorker, type RunningWorker } from "../harness";
import { startFakeChat, stopFakeChat, upstream } from "../fake-chat-upstream";
import { responsesCheckingFetch, responsesViolations } from "./responses-spec";

/** A document of the suite's store: its file name, text and optional attributes. */
export interface SuiteDoc {
  name: string;
  text: string;
  attributes?: Record<string, string | number | boolean>;
}

export interface ResponsesSuite {
  worker: RunningWorker;
  client: OpenAI;
  /** openai 7, whose stream helper enforces every invariant of notes §3.3 (typed as the project's SDK for the tests). */
  client7: OpenAI;
  /** A client of another project (not spec-checked: it sees only errors). */
  other: OpenAI;
  storeId: string;
  /** File id by document name. */
  fileIds: Record<string, string>;
}

/** Registers beforeAll/afterAll/beforeEach (the fake's script and log reset per test); the object is filled before the first test. */
export function responsesSuite(storeName: string, docs: readonly SuiteDoc[]): ResponsesSuite {
  const suite = { fileIds: {} } as ResponsesSuite;
  beforeAll(async () => {
    suite.worker = await startWorker({ LLM: "openai", LLM_BASE_URL: await startFakeChat(), LLM_API_KEY: "sk-upstream" });
    const baseURL = `${suite.worker.url}/v1`;
    suite.client = new OpenAI({ apiKey: API_KEY, baseURL, maxRetries: 0, fetch: responsesCheckingFetch() });
    suite.client7 = new OpenAIv7({ apiKey: API_KEY, baseURL, maxRetries: 0, fetch: responsesCheckingFetch() }) as unknown as OpenAI;
    suite.other = new OpenAI({ apiKey: OTHER_KEY, baseURL, maxRetries: 0 });
    suite.storeId = (await suite.client.vectorStores.create({ name: storeName })).id;
    const files = await Promise.all(docs.map(async (d) => suite.client.files.create({ file: await toFile(Buffer.from(d.text), d.name), purpose: "assistants" })));
    files.forEach((f, i) => (suite.fileIds[docs[i]!.name] = f.id));
    const batch = files.map((f, i) => ({ file_id: f.id, ...(docs[i]!.attributes ? { attributes: docs[i]!.attributes } : {}) }));
    await suite.client.vectorStores.fileBatches.createAndPoll(suite.storeId, { files: batch }, { pollIntervalMs: 100 });
  });
  afterAll(async () => {
    await suite.worker?.stop();
    await stopFakeChat();
    expect(await responsesViolations()).toEqual([]);
  });
  beforeEach(() => {
    upstream.seen.length = 0;
    upstream.script = [];
    upstream.finished = 0;
  });
  return suite;
}
