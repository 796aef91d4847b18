import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { api, fetchRaw, KEY_B } from "../helpers";
import { processFile } from "../ingest-helpers";

const MiB = 1024 * 1024;

/** Deterministic bytes: part `seed` of a file, distinguishable from every other part. */
function bytesOf(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed * 7) & 0xff;
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function md5Hex(bytes: Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest("MD5", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function createUpload(bytes: number, extra: Record<string, unknown> = {}, key?: string) {
  const res = await api("POST", "/v1/uploads", { json: { filename: "big.txt", purpose: "assistants", bytes, mime_type: "text/plain", ...extra }, key });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function addPart(uploadId: string, data: Uint8Array | string, key?: string) {
  const form = new FormData();
  form.append("data", new File([data], "blob"));
  return api("POST", `/v1/uploads/${uploadId}/parts`, { form, key });
}

async function partOk(uploadId: string, data: Uint8Array | string): Promise<string> {
  const res = await addPart(uploadId, data);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
}

async function r2Keys(prefix: string): Promise<string[]> {
  return (await env.FILES.list({ prefix })).objects.map((o) => o.key);
}

async function partRows(uploadId: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM upload_parts WHERE upload_id = ?`).bind(uploadId).first<{ n: number }>();
  return row?.n ?? -1;
}

/** Moves an upload's clock back instead of sleeping an hour. */
async function ageUpload(uploadId: string, seconds: number) {
  await env.DB.prepare(`UPDATE uploads SET created_at = created_at - ?, expires_at = expires_at - ? WHERE id = ?`).bind(seconds, seconds, uploadId).run();
}

describe("POST /v1/uploads", () => {
  it("returns the spec's pending upload that expires one hour after creation", async () => {
    const up = await createUpload(10);
    expect(up).toMatchObject({ object: "upload", bytes: 10, filename: "big.txt", purpose: "assistants", status: "pending", file: null });
    expect(up.id).toMatch(/^upload_[0-9A-Za-z]{24}$/);
    expect(up.expires_at - up.created_at).toBe(3600);
  });

  it("rejects a total above 8 GB, missing fields and unknown fields with 400", async () => {
    const base = { filename: "a.txt", purpose: "assistants", bytes: 5, mime_type: "text/plain" };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, bytes: 8 * 1024 ** 3 + 1 }, "bytes"],
      [{ ...base, bytes: 0 }, "bytes"],
      [{ ...base, purpose: "nope" }, "purpose"],
      [{ ...base, mime_type: "not a type" }, "mime_type"],
      [{ ...base, colour: "blue" }, "colour"],
      [{ purpose: "assistants", bytes: 5, mime_type: "text/plain" }, "filename"],
      [{ ...base, expires_after: { anchor: "created_at" } }, "expires_after.seconds"],
    ];
    for (const [json, param] of cases) {
      const res = await api("POST", "/v1/uploads", { json });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatchObject({ type: "invalid_request_error", param });
    }
  });
});

describe("parts and complete", () => {
  it("joins parts of arbitrary sizes sent in parallel, in the order part_ids gives, byte-exact", async () => {
    const sizes = [1, 5 * MiB + 1, 3, 8 * MiB + 17, 0 + 2];
    const parts = sizes.map((size, i) => bytesOf(size, i + 1));
    const whole = concat(parts);
    const up = await createUpload(whole.length);
    // Sent all at once, in reverse: arrival order must not matter.
    const ids = (await Promise.all(parts.map((_, i) => partOk(up.id, parts[parts.length - 1 - i]!)))).reverse();
    const done = await api("POST", `/v1/uploads/${up.id}/complete`, { json: { part_ids: ids, md5: await md5Hex(whole) } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ id: up.id, status: "completed", file: { object: "file", bytes: whole.length, filename: "big.txt", purpose: "assistants", status: "processed" } });
    const fileId = done.body.file.id;

    const res = await fetchRaw(`/v1/files/${fileId}/content`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(whole.length));
    const got = new Uint8Array(await res.arrayBuffer());
    expect(got.length).toBe(whole.length);
    expect(await md5Hex(got)).toBe(await md5Hex(whole));
    expect((await api("GET", `/v1/files/${fileId}`)).body.bytes).toBe(whole.length);
    expect((await api("GET", "/v1/files")).body.data.map((f: { id: string }) => f.id)).toContain(fileId);
    expect(await partRows(up.id)).toBe(0);
  });

  it("drops parts left out of part_ids and keeps only the file's parts", async () => {
    const up = await createUpload(6);
    const a = await partOk(up.id, "abc");
    const unused = await partOk(up.id, "zzzz");
    const b = await partOk(up.id, "def");
    const done = await api("POST", `/v1/uploads/${up.id}/complete`, { json: { part_ids: [b, a] } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await fetchRaw(`/v1/files/${done.body.file.id}/content`).then((r) => r.text()))).toBe("defabc");
    expect(await r2Keys(`uploads/${up.id}/`)).not.toContain(`uploads/${up.id}/${unused}`);
    // Deleting the file removes its parts too: nothing is left in R2.
    expect((await api("DELETE", `/v1/files/${done.body.file.id}`)).status).toBe(200);
    expect(await r2Keys(`uploads/${up.id}/`)).toEqual([]);
    expect(await r2Keys(`files/${done.body.file.id}`)).toEqual([]);
  });

  it("serves a completed upload's file through the LlamaCloud face: listed, and its presigned URL streams the parts", async () => {
    const up = await createUpload(9, { filename: "llama.txt" });
    const ids = [await partOk(up.id, "abc"), await partOk(up.id, "defghi")];
    const done = await api("POST", `/v1/uploads/${up.id}/complete`, { json: { part_ids: ids } });
    const fileId = done.body.file.id;
    expect((await api("GET", `/api/v1/beta/files/${fileId}`)).body).toMatchObject({ id: fileId, name: "llama.txt" });
    const signed = await api("GET", `/api/v1/beta/files/${fileId}/content?expires_at_seconds=60`);
    const download = await exports.default.fetch(new Request(signed.body.url));
    expect(download.status).toBe(200);
    expect(await download.text()).toBe("abcdefghi");
  });

  it("accepts `data` sent as a plain form field, like curl -F data=...", async () => {
    const up = await createUpload(5);
    const form = new FormData();
    form.append("data", "hello");
    const part = await api("POST", `/v1/uploads/${up.id}/parts`, { form });
    expect(part.status, JSON.stringify(part.body)).toBe(200);
    expect(part.body).toMatchObject({ object: "upload.part", upload_id: up.id });
    expect(part.body.id).toMatch(/^part_/);
  });

  it("makes a file that attaches, ingests from its parts and is found by search", async () => {
    const text = "Composite uploads carry the zebracorn keyword across part boundaries.\n".repeat(3);
    const bytes = new TextEncoder().encode(text);
    const up = await createUpload(bytes.length, { filename: "notes.txt" });
    const ids = [];
    for (let at = 0; at < bytes.length; at += 50) ids.push(await partOk(up.id, bytes.slice(at, at + 50)));
    const done = await api("POST", `/v1/uploads/${up.id}/complete`, { json: { part_ids: ids } });
    const store = await api("POST", "/v1/vector_stores", { json: { name: "s", file_ids: [done.body.file.id] } });
    await processFile(store.body.id, done.body.file.id);
    const file = await api("GET", `/v1/vector_stores/${store.body.id}/files/${done.body.file.id}`);
    expect(file.body.status).toBe("completed");
    const found = await api("POST", `/v1/vector_stores/${store.body.id}/search`, { json: { query: "zebracorn" } });
    expect(found.body.data[0]?.file_id).toBe(done.body.file.id);
  });

  it("answers each completion error with a 4xx in the envelope", async () => {
    const up = await createUpload(6);
    const other = await createUpload(3);
    const a = await partOk(up.id, "abc");
    const b = await partOk(up.id, "def");
    const foreign = await partOk(other.id, "xyz");
    const cases: Array<[unknown, string, string]> = [
      [{ part_ids: [a, a] }, "part_ids", "duplicate_part_id"],
      [{ part_ids: [a, "part_nope"] }, "part_ids", "invalid_part_id"],
      [{ part_ids: [a, foreign] }, "part_ids", "invalid_part_id"],
      [{ part_ids: [a] }, "part_ids", "bytes_mismatch"],
      [{ part_ids: [a, b], md5: "0".repeat(32) }, "md5", "md5_mismatch"],
      [{ part_ids: [] }, "part_ids", "empty_array"],
    ];
    for (const [json, param, code] of cases) {
      const res = await api("POST", `/v1/uploads/${up.id}/complete`, { json });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatchObject({ type: "invalid_request_error", param, code });
    }
    // None of the failures consumed the upload.
    const done = await api("POST", `/v1/uploads/${up.id}/complete`, { json: { part_ids: [a, b] } });
    expect(done.status).toBe(200);
    const again = await api("POST", `/v1/uploads/${up.id}/complete`, { json: { part_ids: [a, b] } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe("upload_completed");
    expect((await addPart(up.id, "more")).status).toBe(400);
    expect((await api("POST", `/v1/uploads/${up.id}/cancel`)).status).toBe(400);
  });

  it("refuses a part above 64 MB with 413 and keeps nothing of it", async () => {
    const up = await createUpload(64 * MiB + 1);
    const res = await addPart(up.id, new Uint8Array(64 * MiB + 1));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ type: "invalid_request_error", param: "data" });
    expect(await r2Keys(`uploads/${up.id}/`)).toEqual([]);
    expect(await partRows(up.id)).toBe(0);
  });

  it("answers 404, like a missing upload, for another project's upload", async () => {
    const up = await createUpload(3);
    const a = await partOk(up.id, "abc");
    for (const res of [
      await addPart(up.id, "abc", KEY_B),
      await api("POST", `/v1/uploads/${up.id}/complete`, { json: { part_ids: [a] }, key: KEY_B }),
      await api("POST", `/v1/uploads/${up.id}/cancel`, { key: KEY_B }),
      await api("POST", `/v1/uploads/upload_000000000000000000000000/cancel`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.type).toBe("invalid_request_error");
    }
  });
});

describe("cancel and expiry leave nothing behind", () => {
  it("cancel removes every part from R2 and the catalog; completing then fails", async () => {
    const up = await createUpload(6);
    const ids = await Promise.all([partOk(up.id, "abc"), partOk(up.id, "def")]);
    expect(await r2Keys(`uploads/${up.id}/`)).toHaveLength(2);
    const res = await api("POST", `/v1/uploads/${up.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: up.id, status: "cancelled", file: null });
    expect(await r2Keys(`uploads/${up.id}/`)).toEqual([]);
    expect(await partRows(up.id)).toBe(0);
    const done = await api("POST", `/v1/uploads/${up.id}/complete`, { json: { part_ids: ids } });
    expect(done.status).toBe(400);
    expect(done.body.error.code).toBe("upload_cancelled");
  });

  it("a part racing a cancel is either refused or removed: nothing is left", async () => {
    const up = await createUpload(100);
    await Promise.all([...Array.from({ length: 6 }, (_, i) => addPart(up.id, `part${i}`)), api("POST", `/v1/uploads/${up.id}/cancel`)]);
    expect(await r2Keys(`uploads/${up.id}/`)).toEqual([]);
    expect(await partRows(up.id)).toBe(0);
  });

  it("an upload older than one hour is expired on the next request, and its parts are gone", async () => {
    const up = await createUpload(3);
    const a = await partOk(up.id, "abc");
    await ageUpload(up.id, 3601);
    const done = await api("POST", `/v1/uploads/${up.id}/complete`, { json: { part_ids: [a] } });
    expect(done.status).toBe(400);
    expect(done.body.error.code).toBe("upload_expired");
    expect((await addPart(up.id, "x")).body.error.code).toBe("upload_expired");
    expect(await r2Keys(`uploads/${up.id}/`)).toEqual([]);
    expect(await partRows(up.id)).toBe(0);
  });

  it("the Cron Trigger expires uploads nobody asks about, and later forgets them", async () => {
    const up = await createUpload(3);
    await partOk(up.id, "abc");
    await ageUpload(up.id, 3601);
    const run = async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController(), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    await run();
    expect(await r2Keys(`uploads/${up.id}/`)).toEqual([]);
    expect(await partRows(up.id)).toBe(0);
    const status = await env.DB.prepare(`SELECT status FROM uploads WHERE id = ?`).bind(up.id).first<{ status: string }>();
    expect(status?.status).toBe("expired");
    await ageUpload(up.id, 86_401);
    await run();
    expect(await env.DB.prepare(`SELECT id FROM uploads WHERE id = ?`).bind(up.id).first()).toBeNull();
  });
});

describe("a large text file completed through the Uploads API", () => {
  it("is ingested by ranged reads across its parts: words on both sides of each part boundary are found", async () => {
    // Above the 4 MiB streaming threshold, in three parts of odd sizes, so text windows straddle part boundaries.
    const line = (i: number) => `Line ${i} of the long upload talks about routine maintenance of the cooling plant.\n`;
    let text = "";
    for (let i = 0; text.length < 5 * MiB; i++) text += line(i);
    const cut1 = 2 * MiB + 13;
    const cut2 = 4 * MiB + 7;
    text = text.slice(0, cut1 - 20) + " zephyrboundaryone " + text.slice(cut1 - 1, cut2 - 20) + " quokkaboundarytwo " + text.slice(cut2 - 1) + "\nThe very last words: marmosetfinale.\n";
    const all = new TextEncoder().encode(text);
    const upload = await createUpload(all.length);
    const pieces = [all.subarray(0, cut1), all.subarray(cut1, cut2), all.subarray(cut2)];
    const ids = await Promise.all(pieces.map((p) => partOk(upload.id, p)));
    const done = await api("POST", `/v1/uploads/${upload.id}/complete`, { json: { part_ids: ids } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const fileId: string = done.body.file.id;

    const vs = (await api("POST", "/v1/vector_stores", { json: {} })).body;
    await api("POST", `/v1/vector_stores/${vs.id}/files`, { json: { file_id: fileId, chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 4096, chunk_overlap_tokens: 0 } } } });
    await processFile(vs.id, fileId);
    const file = await api("GET", `/v1/vector_stores/${vs.id}/files/${fileId}`);
    expect(file.body.status, JSON.stringify(file.body.last_error)).toBe("completed");
    for (const word of ["zephyrboundaryone", "quokkaboundarytwo", "marmosetfinale"]) {
      const res = await api("POST", `/v1/vector_stores/${vs.id}/search`, { json: { query: word, ranking_options: { hybrid_search: { text_weight: 1, embedding_weight: 0 } } } });
      expect(res.body.data.map((r: { file_id: string }) => r.file_id), word).toEqual([fileId]);
    }
  });
});
