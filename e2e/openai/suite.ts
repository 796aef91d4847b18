// One worker per e2e file, an SDK client whose every JSON response is checked against the spec, and the check at the end.
import OpenAI from "openai";
import { afterAll, beforeAll, expect } from "vitest";
import { API_KEY, OTHER_KEY, startWorker, type RunningWorker } from "../harness";
import { specCheckingFetch, violations } from "../spec";

export interface OpenAISuite {
  worker: RunningWorker;
  client: OpenAI;
  /** A client of another project (its responses are spec-checked too). */
  other: OpenAI;
}

/** Registers beforeAll/afterAll; the returned object is filled in before the first test runs. */
export function openaiSuite(): OpenAISuite {
  const suite = {} as OpenAISuite;
  beforeAll(async () => {
    suite.worker = await startWorker();
    const baseURL = `${suite.worker.url}/v1`;
    suite.client = new OpenAI({ apiKey: API_KEY, baseURL, fetch: specCheckingFetch(), maxRetries: 0 });
    suite.other = new OpenAI({ apiKey: OTHER_KEY, baseURL, fetch: specCheckingFetch(), maxRetries: 0 });
  });
  afterAll(async () => {
    await suite.worker?.stop();
    expect(violations).toEqual([]);
  });
  return suite;
}
