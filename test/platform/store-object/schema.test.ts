import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api } from "../../helpers";
import { migrate, SCHEMA_VERSION } from "../../../src/platform/store-object/schema";
import { durableObjectSql } from "../../../src/platform/store-object/sql";

describe("store object schema", () => {
  it("upgrades a v2 object (sync_state without the recovery columns) in place, keeping its sync state", async () => {
    const vs = (await api("POST", "/v1/vector_stores", { json: {} })).body;
    const stub = env.STORE.getByName(vs.id);
    const state = await runInDurableObject(stub, (_o, s) => {
      const sql = durableObjectSql(s.storage);
      for (const column of ["lease", "lease_at", "resends"]) sql.run(`ALTER TABLE sync_state DROP COLUMN ${column}`);
      sql.run(`INSERT INTO sync_state (index_id, run, status, phase, started_at, heartbeat_at) VALUES ('idx-old', 3, 'syncing', 'exporting', 1, 2)`);
      sql.run(`UPDATE meta SET value = '2' WHERE key = 'schema_version'`);
      migrate(sql);
      migrate(sql);
      return { version: sql.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema_version'`)[0]!.value, row: sql.all(`SELECT * FROM sync_state`)[0] };
    });
    expect(Number(state.version)).toBe(SCHEMA_VERSION);
    expect(state.row).toMatchObject({ index_id: "idx-old", run: 3, lease: 0, lease_at: null, resends: 0 });
  });
});
