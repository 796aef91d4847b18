// One worker per LlamaCloud e2e file, SDK clients of two projects, and the bounded wait for a sync to end.
import LlamaCloud from "@llamaindex/llama-cloud";
import { afterAll, beforeAll } from "vitest";
import { API_KEY, OTHER_KEY, startWorker, type RunningWorker } from "../harness";

export interface LlamaCloudSuite {
  worker: RunningWorker;
  client: LlamaCloud;
  /** A client of another project. */
  other: LlamaCloud;
  /** Polls `metadata.status` until `ready` or `failed` (30 s at most; the worker's logs on timeout). */
  waitForSync(indexId: string): Promise<Awaited<ReturnType<LlamaCloud["beta"]["indexes"]["get"]>>>;
}

/**
 * Registers beforeAll/afterAll; the returned object is filled in before the first test runs. `maxRetries` is the
 * SDK's (undefined keeps its default, which the syncing guide relies on: a 409 sync is not retried). `vars` gives the
 * worker's extra variables, read when it starts (e.g. LLM settings pointing at a fake upstream started before it).
 */
export function llamaCloudSuite({ vars, ...options }: { maxRetries?: number; vars?: () => Record<string, string> } = {}): LlamaCloudSuite {
  const suite = {
    async waitForSync(indexId: string) {
      for (let i = 0; i < 120; i++) {
        const idx = await suite.client.beta.indexes.get(indexId);
        const status = idx.metadata?.["status"];
        if (status === "ready" || status === "failed") return idx;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`index ${indexId} did not finish syncing:\n${suite.worker.logs().slice(-4000)}`);
    },
  } as LlamaCloudSuite;
  beforeAll(async () => {
    suite.worker = await startWorker(vars?.());
    suite.client = new LlamaCloud({ apiKey: API_KEY, baseURL: suite.worker.url, ...options });
    suite.other = new LlamaCloud({ apiKey: OTHER_KEY, baseURL: suite.worker.url, ...options });
  });
  afterAll(async () => {
    await suite.worker?.stop();
  });
  return suite;
}
