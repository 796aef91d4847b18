// A vector store deleted during its own ingestion stays gone: no catalog row or membership comes back, no 500.
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, uploadFile } from "../../helpers";
import { deliver, ingestMessage } from "../../ingest-helpers";

const ROUNDS = 12;

async function catalogRows(storeId: string): Promise<{ stores: number; members: number }> {
  const stores = await env.DB.prepare(`SELECT COUNT(*) AS n FROM vector_stores WHERE id = ?`).bind(storeId).first<{ n: number }>();
  const members = await env.DB.prepare(`SELECT COUNT(*) AS n FROM store_files WHERE vector_store_id = ?`).bind(storeId).first<{ n: number }>();
  return { stores: stores?.n ?? -1, members: members?.n ?? -1 };
}

describe("a vector store deleted during its own ingestion", () => {
  it("stays gone while attaches, batches, reads, a modify, a search and ingest messages race its delete, and none of them answers 500", async () => {
    const files = await Promise.all(Array.from({ length: 4 }, (_, i) => uploadFile(`s-${i}.txt`, `Store race document ${i}.`)));
    for (let round = 0; round < ROUNDS; round++) {
      const storeId = (await api("POST", "/v1/vector_stores", { json: { file_ids: [files[0]!.id] } })).body.id as string;
      const generation = (await env.STORE.getByName(storeId).getFile(files[0]!.id))!.generation;
      const results = await Promise.all([
        api("DELETE", `/v1/vector_stores/${storeId}`),
        api("POST", `/v1/vector_stores/${storeId}/files`, { json: { file_id: files[1]!.id } }),
        api("POST", `/v1/vector_stores/${storeId}/file_batches`, { json: { file_ids: [files[2]!.id, files[3]!.id] } }),
        deliver([ingestMessage(storeId, files[0]!.id, generation)]).then(() => ({ status: 200 })),
        api("GET", `/v1/vector_stores/${storeId}/files`),
        api("GET", `/v1/vector_stores/${storeId}`),
        api("POST", `/v1/vector_stores/${storeId}`, { json: { name: "renamed", expires_after: { anchor: "last_active_at", days: 3 } } }),
        api("POST", `/v1/vector_stores/${storeId}/search`, { json: { query: "race document" } }),
      ]);
      expect(results[0].status).toBe(200);
      for (const r of results) expect(r.status, JSON.stringify(r)).toBeLessThan(500);
      // Whatever ran late (the watchdog alarm, a redelivered message) cannot bring the store back.
      await runDurableObjectAlarm(env.STORE.getByName(storeId));
      await deliver([ingestMessage(storeId, files[1]!.id, 1), ingestMessage(storeId, files[0]!.id, generation)]);
      expect(await catalogRows(storeId)).toEqual({ stores: 0, members: 0 });
      expect((await api("GET", `/v1/vector_stores/${storeId}`)).status).toBe(404);
      const late = await api("POST", `/v1/vector_stores/${storeId}/files`, { json: { file_id: files[1]!.id } });
      expect(late.status).toBe(404);
      expect(late.body.error.param).toBeDefined();
      const listed = (await api("GET", "/v1/vector_stores?limit=100")).body.data.map((s: { id: string }) => s.id);
      expect(listed).not.toContain(storeId);
    }
    // The files themselves stay: deleting a store never deletes its files.
    for (const f of files) expect((await api("GET", `/v1/files/${f.id}`)).status).toBe(200);
  }, 60_000);
});
