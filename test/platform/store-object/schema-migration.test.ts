// Schema v4: a store created before analysed keyword search has its chunks re-analysed when the object starts.
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { migrate, SCHEMA_VERSION } from "../../../src/platform/store-object/schema";
import { durableObjectSql } from "../../../src/platform/store-object/sql";
import { api, uploadFile } from "../../helpers";
import { processFile } from "../../ingest-helpers";

const TEXT_ONLY = { ranking_options: { hybrid_search: { embedding_weight: 0, text_weight: 1 } } };

/** Puts the store's keyword index back to what schema v2 had: FTS5 `porter unicode61` over chunks.text via triggers. */
function downgradeToV2(storage: DurableObjectStorage): void {
  const sql = durableObjectSql(storage);
  sql.run(`DROP TRIGGER IF EXISTS chunks_terms_ad`);
  sql.run(`DROP TABLE IF EXISTS chunks_terms_vocab`);
  sql.run(`DROP TABLE IF EXISTS chunks_terms`);
  sql.run(`CREATE VIRTUAL TABLE chunks_fts USING fts5(text, content='chunks', content_rowid='chunk_id', tokenize='porter unicode61')`);
  sql.run(`CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN INSERT INTO chunks_fts (rowid, text) VALUES (new.chunk_id, new.text); END`);
  sql.run(`CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN INSERT INTO chunks_fts (chunks_fts, rowid, text) VALUES ('delete', old.chunk_id, old.text); END`);
  sql.run(`INSERT INTO chunks_fts (chunks_fts) VALUES ('rebuild')`);
  sql.run(`UPDATE meta SET value = '2' WHERE key = 'schema_version'`);
}

describe("store object schema v4", () => {
  it("re-analyses an existing store's chunks on start-up, so words inside Chinese sentences become findable", async () => {
    const storeId = (await api("POST", "/v1/vector_stores", { json: {} })).body.id as string;
    const f = await uploadFile("network.md", "本周我们整理了设备清单并更新了机房的网络拓扑图。");
    await api("POST", `/v1/vector_stores/${storeId}/files`, { json: { file_id: f.id } });
    await processFile(storeId, f.id);
    const stub = env.STORE.getByName(storeId);
    await runInDurableObject(stub, (_o, state) => downgradeToV2(state.storage));

    // What the object's constructor runs in blockConcurrencyWhile when it starts on the new code.
    const after = await runInDurableObject(stub, (_o, state) => {
      const sql = durableObjectSql(state.storage);
      migrate(sql);
      return {
        version: sql.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema_version'`)[0]?.value,
        oldTable: sql.all(`SELECT name FROM sqlite_master WHERE name = 'chunks_fts'`).length,
        rows: sql.all<{ n: number }>(`SELECT count(*) AS n FROM chunks_terms WHERE rowid > 0`)[0]?.n,
      };
    });
    expect(after).toEqual({ version: String(SCHEMA_VERSION), oldTable: 0, rows: 1 });
    const res = await api("POST", `/v1/vector_stores/${storeId}/search`, { json: { query: "设备清单", ...TEXT_ONLY } });
    expect(res.body.data.map((r: { filename: string }) => r.filename)).toEqual(["network.md"]);
  });

  it("keeps the analysed index in step with deletes", async () => {
    const storeId = (await api("POST", "/v1/vector_stores", { json: {} })).body.id as string;
    const f = await uploadFile("cafe.md", "Le Café de la Gare");
    await api("POST", `/v1/vector_stores/${storeId}/files`, { json: { file_id: f.id } });
    await processFile(storeId, f.id);
    await api("DELETE", `/v1/vector_stores/${storeId}/files/${f.id}`);
    const left = await runInDurableObject(env.STORE.getByName(storeId), (_o, state) =>
      durableObjectSql(state.storage).all<{ n: number }>(`SELECT count(*) AS n FROM chunks_terms WHERE chunks_terms MATCH 'cafe'`)[0]?.n,
    );
    expect(left).toBe(0);
  });
});
