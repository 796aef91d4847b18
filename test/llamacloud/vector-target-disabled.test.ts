// vector_target "DISABLED": the index parses, chunks and keeps the text, embeds and exports no vectors, and retrieve answers 400.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api } from "../helpers";
import { deliver, generationOf, ingestMessage } from "../ingest-helpers";
import { FakeVectorize } from "../fakes/vectorize";
import { addFile, directory, driveSync, llamaUpload, syncMessage } from "./helpers";

const count = (storeId: string, table: "chunks" | "vectors") =>
  runInDurableObject(env.STORE.getByName(storeId), (_o, s) => s.storage.sql.exec(`SELECT COUNT(*) AS n FROM ${table}`).one().n as number);

async function indexOver(text: string, body: Record<string, unknown>) {
  const dir = await directory();
  const f = await llamaUpload("notes.md", text);
  await addFile(dir.id, { file_id: f.id });
  const res = await api("POST", "/api/v1/indexes", { json: { source_directory_id: dir.id, ...body } });
  expect(res.status).toBe(200);
  return { index: res.body, file: f };
}

describe("vector_target DISABLED", () => {
  it("keeps chunks and text but writes no vectors, and reads back DISABLED", async () => {
    const { index } = await indexOver("Satellites in geostationary orbit circle the earth once a day.", { vector_target: "DISABLED" });
    expect(index.vector_target).toBe("DISABLED");
    expect((await driveSync(index.id)).metadata.status).toBe("ready");
    expect(await count(index.export_config_id, "chunks")).toBeGreaterThan(0);
    expect(await count(index.export_config_id, "vectors")).toBe(0);
    expect((await api("GET", `/api/v1/indexes/${index.id}`)).body.vector_target).toBe("DISABLED");
    // The same sync with DEFAULT does write vectors (the check above is not vacuous).
    const normal = (await indexOver("Satellites in geostationary orbit circle the earth once a day.", {})).index;
    await driveSync(normal.id);
    expect(await count(normal.export_config_id, "vectors")).toBeGreaterThan(0);
  });

  it("sends nothing to Vectorize", async () => {
    const fake = new FakeVectorize(256);
    const e = { ...env, VECTOR_INDEX: "vectorize", VECTORIZE: fake as unknown as Vectorize };
    const { index, file } = await indexOver("Tides follow the moon.", { vector_target: "DISABLED" });
    await deliver([await syncMessage(index.export_config_id, index.id)]);
    const storeId = index.export_config_id;
    await deliver([ingestMessage(storeId, file.id, await generationOf(storeId, file.id))], "shelf-ingest", 1, e);
    expect((await env.STORE.getByName(storeId).getFile(file.id))?.status).toBe("completed");
    expect(fake.calls.upsert).toBe(0);
  });

  it("answers retrieve with a 400 that says the index has no vector target", async () => {
    const { index } = await indexOver("Tides follow the moon.", { vector_target: "DISABLED" });
    await driveSync(index.id);
    for (const id of [index.id, index.export_config_id]) {
      const res = await api("POST", "/api/v1/retrieval/retrieve", { json: { index_id: id, query: "tides" } });
      expect(res.status).toBe(400);
      expect(res.body.error.param).toBe("index_id");
      expect(res.body.error.code).toBe("vector_target_disabled");
      expect(res.body.error.message).toContain("DISABLED");
    }
  });
});
