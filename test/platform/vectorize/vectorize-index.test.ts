import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { buildServices } from "../../../src/services";
import { chunkIdOf, vectorId } from "../../../src/platform/vectorize/vectorize-index";
import { api, searchOk, uploadFile } from "../../helpers";
import { deliver, generationOf, ingestMessage } from "../../ingest-helpers";
import { FakeVectorize } from "../../fakes/vectorize";

function vectorizeEnv(fake: FakeVectorize): Env {
  return { ...env, VECTOR_INDEX: "vectorize", VECTORIZE: fake as unknown as Vectorize };
}

const pendingCount = (storeId: string) =>
  runInDurableObject(env.STORE.getByName(storeId), (_o, s) => s.storage.sql.exec(`SELECT COUNT(*) AS n FROM vectors`).one().n as number);

describe("the Vectorize adapter", () => {
  it("keeps ids within 64 bytes and parses them back", () => {
    const id = vectorId("vs_" + "f".repeat(32), 2 ** 31 - 1);
    expect(new TextEncoder().encode(id).length).toBeLessThanOrEqual(64);
    expect(chunkIdOf(id)).toBe(2 ** 31 - 1);
  });

  it("makes completed files searchable before Vectorize applies the write, then drops the local copy once confirmed", async () => {
    const fake = new FakeVectorize(256);
    const e = vectorizeEnv(fake);
    const vs = (await api("POST", "/v1/vector_stores", { json: {} })).body;
    const f = await uploadFile("orbit.md", "Satellites in geostationary orbit circle the earth once a day.");
    await api("POST", `/v1/vector_stores/${vs.id}/files`, { json: { file_id: f.id, attributes: { kind: "space" } } });
    await deliver([ingestMessage(vs.id, f.id, await generationOf(vs.id, f.id))], "shelf-ingest", 1, e);
    expect((await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}`)).body.status).toBe("completed");
    expect(fake.calls.upsert).toBe(1);

    const search = buildServices(e).search;
    const query = { queries: ["geostationary satellites"], rewrite: false, maxResults: 5, filter: null, ranker: "none" as const, scoreThreshold: 0, weights: { embedding: 1, text: 0 } };
    // Not yet visible in Vectorize: the store object's buffer answers.
    expect(searchOk(await search.search(vs.id, query)).hits.map((h) => h.fileId)).toEqual([f.id]);
    expect(await pendingCount(vs.id)).toBeGreaterThan(0);

    // The confirmation message asks describe(): nothing processed yet → the copy stays; processed → dropped.
    await deliver([{ v: 1, kind: "confirm_vectors", store_id: vs.id, round: 0 }], "shelf-ingest", 1, { ...e, VECTORIZE: { describe: async () => ({ processedUpToDatetime: 0 }) } as unknown as Vectorize });
    expect(await pendingCount(vs.id)).toBeGreaterThan(0);
    fake.processPending();
    await deliver([{ v: 1, kind: "confirm_vectors", store_id: vs.id, round: 0 }], "shelf-ingest", 1, e);
    expect(await pendingCount(vs.id)).toBe(0);
    expect(searchOk(await search.search(vs.id, query)).hits.map((h) => h.fileId)).toEqual([f.id]);

    // A filter is pushed down as a file-id list; a filter no file matches skips Vectorize entirely.
    const before = fake.calls.query;
    const none = searchOk(await search.search(vs.id, { ...query, filter: { type: "eq", key: "kind", value: "sea" } }));
    expect(none.hits).toEqual([]);
    expect(fake.calls.query).toBe(before);

    // Detached: deleteByIds is sent, and hits Vectorize still returns are dropped when hydrating.
    const s = buildServices(e);
    await s.attachments.detach(vs.id, f.id);
    expect(fake.calls.deleteByIds).toBe(1);
    expect(searchOk(await search.search(vs.id, query)).hits).toEqual([]);
  });
});
