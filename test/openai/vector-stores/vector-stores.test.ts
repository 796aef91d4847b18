import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, KEY_B } from "../../helpers";

const create = async (body: unknown = {}) => {
  const res = await api("POST", "/v1/vector_stores", { json: body });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body;
};

describe("POST /v1/vector_stores", () => {
  it("creates an empty completed store with zero counts and the policy's expires_at", async () => {
    const vs = await create({ name: "docs", metadata: { team: "search" }, expires_after: { anchor: "last_active_at", days: 7 } });
    expect(vs).toMatchObject({
      object: "vector_store",
      name: "docs",
      status: "completed",
      usage_bytes: 0,
      file_counts: { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 },
      metadata: { team: "search" },
      expires_after: { anchor: "last_active_at", days: 7 },
    });
    expect(vs.id).toMatch(/^vs_[0-9a-f]{32}$/);
    expect(vs.expires_at).toBe(vs.last_active_at + 7 * 86400);
  });

  it("answers 400 with OpenAI-style param and code for bad input", async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ name: 5 }, "name", "invalid_type"],
      [{ bogus: true }, "bogus", "unknown_parameter"],
      [{ expires_after: { anchor: "last_active_at", days: 400 } }, "expires_after.days", "integer_above_max_value"],
      [{ expires_after: { anchor: "created_at", days: 1 } }, "expires_after.anchor", "invalid_value"],
      [{ expires_after: { anchor: "last_active_at" } }, "expires_after.days", "missing_required_parameter"],
      [{ expires_after: { days: 3 } }, "expires_after.anchor", "missing_required_parameter"],
      [{ metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"])) }, "metadata", "object_above_max_properties"],
      [{ metadata: { k: 1 } }, "metadata.k", "invalid_type"],
      [{ file_ids: ["file-x"], chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 50, chunk_overlap_tokens: 0 } } }, "chunking_strategy.static.max_chunk_size_tokens", "integer_below_min_value"],
      [{ file_ids: ["file-x"], chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 401 } } }, "chunking_strategy.static.chunk_overlap_tokens", "invalid_value"],
      [{ file_ids: ["vs_nope"] }, "file_ids[0]", "invalid_value"],
    ];
    for (const [body, param, code] of cases) {
      const res = await api("POST", "/v1/vector_stores", { json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error, JSON.stringify(body)).toMatchObject({ type: "invalid_request_error", param, code });
    }
    const over = await api("POST", "/v1/vector_stores", { json: { expires_after: { anchor: "last_active_at", days: 400 } } });
    expect(over.body.error.message).toBe("Invalid 'expires_after.days': integer above maximum value. Expected a value <= 365, but got 400 instead.");
  });

  it("answers malformed JSON with 400, never 500", async () => {
    const res = await api("POST", "/v1/vector_stores", { raw: "{not json", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
  });

  it("answers an unknown file id in file_ids with 404", async () => {
    const res = await api("POST", "/v1/vector_stores", { json: { file_ids: ["file-doesnotexist0000000000"] } });
    expect(res.status).toBe(404);
  });
});

describe("list, retrieve, modify, delete", () => {
  it("pages with limit/after/before and exact has_more, first_id and last_id", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ name: `s${i}` })).id);
    const newest = [...ids].reverse();
    const p1 = await api("GET", "/v1/vector_stores?limit=2");
    expect(p1.body.data.map((v: any) => v.id)).toEqual(newest.slice(0, 2));
    expect(p1.body).toMatchObject({ object: "list", first_id: newest[0], last_id: newest[1], has_more: true });
    const p2 = await api("GET", `/v1/vector_stores?limit=2&after=${newest[1]}`);
    expect(p2.body.data.map((v: any) => v.id)).toEqual(newest.slice(2, 4));
    const back = await api("GET", `/v1/vector_stores?limit=2&before=${newest[2]}`);
    expect(back.body.data.map((v: any) => v.id)).toEqual(newest.slice(0, 2));
    const asc = await api("GET", `/v1/vector_stores?order=asc&limit=100`);
    const ascIds = asc.body.data.map((v: any) => v.id).filter((id: string) => ids.includes(id));
    expect(ascIds).toEqual(ids);
    expect((await api("GET", "/v1/vector_stores?limit=0")).status).toBe(400);
    expect((await api("GET", "/v1/vector_stores?limit=101")).status).toBe(400);
    expect((await api("GET", "/v1/vector_stores?order=up")).status).toBe(400);
  });

  it("modifies name and metadata and clears expires_after with null", async () => {
    const vs = await create({ name: "a", expires_after: { anchor: "last_active_at", days: 1 } });
    const res = await api("POST", `/v1/vector_stores/${vs.id}`, { json: { name: "b", metadata: { x: "y" }, expires_after: null } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "b", metadata: { x: "y" }, expires_at: null });
    expect(res.body.expires_after).toBeUndefined();
    const got = await api("GET", `/v1/vector_stores/${vs.id}`);
    expect(got.body.name).toBe("b");
    expect((await api("POST", `/v1/vector_stores/${vs.id}`, { json: { description: "no" } })).body.error.code).toBe("unknown_parameter");
  });

  it("deletes a store and then answers 404", async () => {
    const vs = await create();
    expect((await api("DELETE", `/v1/vector_stores/${vs.id}`)).body).toEqual({ id: vs.id, object: "vector_store.deleted", deleted: true });
    const gone = await api("GET", `/v1/vector_stores/${vs.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe(`No vector store found with id '${vs.id}'.`);
  });

  it("hides another project's store exactly like a missing one", async () => {
    const vs = await create();
    for (const [method, path] of [["GET", ""], ["POST", ""], ["DELETE", ""]] as const) {
      const res = await api(method, `/v1/vector_stores/${vs.id}${path}`, { key: KEY_B, json: method === "POST" ? { name: "x" } : undefined });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(`No vector store found with id '${vs.id}'.`);
    }
    expect((await api("GET", "/v1/vector_stores", { key: KEY_B })).body.data).toEqual([]);
  });

  it("expires when the alarm fires past expires_at, and says so", async () => {
    const vs = await create({ expires_after: { anchor: "last_active_at", days: 1 } });
    const stub = env.STORE.getByName(vs.id);
    // Move last activity two days back, as if the store had been idle.
    await runInDurableObject(stub, (_o, state) => {
      state.storage.sql.exec(`UPDATE meta SET value = ? WHERE key = 'lastActiveAt'`, JSON.stringify(vs.last_active_at - 2 * 86400));
    });
    await runDurableObjectAlarm(stub);
    const got = await api("GET", `/v1/vector_stores/${vs.id}`);
    expect(got.body.status).toBe("expired");
    const listed = await api("GET", "/v1/vector_stores?limit=100");
    expect(listed.body.data.find((v: any) => v.id === vs.id).status).toBe("expired");
    const form = new FormData();
    form.append("file", new File(["late"], "late.txt"));
    form.append("purpose", "assistants");
    const file = (await api("POST", "/v1/files", { form })).body;
    const late = await api("POST", `/v1/vector_stores/${vs.id}/files`, { json: { file_id: file.id } });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe("vector_store_expired");
  });
});
