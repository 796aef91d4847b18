import { describe, expect, it } from "vitest";
import { api, uploadFile } from "../helpers";

// Hostile JSON bodies: every free-form field has a size and a depth limit checked before anything is written,
// every text field follows one rule for lone UTF-16 surrogates, and whole bodies have a cap.

const TEN_MB = "x".repeat(10 * 1024 * 1024);
/** `{"a":{"a":…1…}}` nested `levels` deep, built as text: the test side never holds the nested value. */
const nested = (levels: number) => '{"a":'.repeat(levels) + "1" + "}".repeat(levels);
const post = (path: string, raw: string) => api("POST", path, { raw, headers: { "content-type": "application/json" } });

function expectFieldError(res: { status: number; body: any }, param: string): void {
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
  expect(res.body.error.type).toBe("invalid_request_error");
  expect(res.body.error.param).toBe(param);
  expect(res.body.error.message).toContain(`'${param}'`);
}

async function directoryNames(): Promise<string[]> {
  const res = await api("GET", "/api/v1/beta/directories?page_size=1000");
  return res.body.items.map((d: { name: string }) => d.name);
}

async function storeNames(): Promise<string[]> {
  const res = await api("GET", "/v1/vector_stores?limit=100");
  return res.body.data.map((s: { name: string }) => s.name);
}

describe("free-form JSON fields", () => {
  it("answers 400 naming system_metadata for a 10 MB value, and creates no directory", async () => {
    const res = await api("POST", "/api/v1/beta/directories", { json: { name: "huge-meta", system_metadata: { blob: TEN_MB } } });
    expectFieldError(res, "system_metadata");
    expect(res.body.error.code).toBe("object_above_max_size");
    expect(await directoryNames()).not.toContain("huge-meta");
  });

  it("answers 400 naming system_metadata for 50,000 levels of nesting, and creates no directory", async () => {
    const res = await post("/api/v1/beta/directories", `{"name":"deep-meta","system_metadata":${nested(50_000)}}`);
    expectFieldError(res, "system_metadata");
    expect(res.body.error.code).toBe("object_above_max_depth");
    expect(await directoryNames()).not.toContain("deep-meta");
  });

  it("keeps a modest system_metadata as sent", async () => {
    const system_metadata = { source: "crm", tags: ["a", "b"], nested: { level: { deeper: true } } };
    const res = await api("POST", "/api/v1/beta/directories", { json: { name: "fine-meta", system_metadata } });
    expect(res.status).toBe(200);
    expect(res.body.system_metadata).toEqual(system_metadata);
  });

  it("answers 400 naming metadata for oversized or nested store metadata, and creates no store", async () => {
    expectFieldError(await api("POST", "/v1/vector_stores", { json: { name: "meta-big", metadata: { k: TEN_MB } } }), "metadata");
    expectFieldError(await post("/v1/vector_stores", `{"name":"meta-deep","metadata":${nested(50_000)}}`), "metadata");
    const names = await storeNames();
    expect(names).not.toContain("meta-big");
    expect(names).not.toContain("meta-deep");
  });

  it("answers 400 naming filters for an oversized search filter", async () => {
    const vs = (await api("POST", "/v1/vector_stores", { json: { name: "filters" } })).body;
    const res = await api("POST", `/v1/vector_stores/${vs.id}/search`, { json: { query: "x", filters: { type: "eq", key: TEN_MB, value: 1 } } });
    expectFieldError(res, "filters");
    const deep = await post(`/v1/vector_stores/${vs.id}/search`, `{"query":"x","filters":${nested(50_000)}}`);
    expect(deep.status).toBe(400);
    expect(deep.body.error.param).toMatch(/^filters/);
  });

  it("answers 400 naming custom_filters for an oversized retrieval filter", async () => {
    const res = await api("POST", "/api/v1/retrieval/retrieve", { json: { index_id: "idx-none", query: "x", custom_filters: { k: { operator: "eq", value: TEN_MB } } } });
    expectFieldError(res, "custom_filters");
    const deep = await post("/api/v1/retrieval/retrieve", `{"index_id":"idx-none","query":"x","custom_filters":${nested(50_000)}}`);
    expectFieldError(deep, "custom_filters");
  });

  it("answers 400 naming the attributes of one file in a batch", async () => {
    const vs = (await api("POST", "/v1/vector_stores", { json: { name: "attrs" } })).body;
    const file = await uploadFile("a.txt", "attributes");
    const res = await post(`/v1/vector_stores/${vs.id}/file_batches`, `{"files":[{"file_id":"${file.id}","attributes":${nested(50_000)}}]}`);
    expectFieldError(res, "files[0].attributes");
    const list = await api("GET", `/v1/vector_stores/${vs.id}/files`);
    expect(list.body.data).toEqual([]);
  });

  it("answers 400 naming a directory file's metadata", async () => {
    const dir = (await api("POST", "/api/v1/beta/directories", { json: { name: "dir-files-meta" } })).body;
    const file = (await uploadFile("d.txt", "directory file")).id;
    const res = await post(`/api/v1/beta/directories/${dir.id}/files`, `{"file_id":"${file}","metadata":${nested(50_000)}}`);
    expectFieldError(res, "metadata");
    expect((await api("GET", `/api/v1/beta/directories/${dir.id}/files`)).body.items).toEqual([]);
  });

  it("answers 400 naming the top-level field for deep nesting in a field that is not free-form", async () => {
    const res = await post("/v1/vector_stores", `{"name":${nested(50_000)}}`);
    expectFieldError(res, "name");
  });
});

describe("id fields", () => {
  it("answers 400 naming an id longer than 128 characters, before any lookup", async () => {
    const long = "file-" + "x".repeat(3 * 1024 * 1024);
    const vs = (await api("POST", "/v1/vector_stores", { json: { name: "ids" } })).body;
    const dir = (await api("POST", "/api/v1/beta/directories", { json: { name: "ids" } })).body;
    const cases: Array<[string, unknown, string]> = [
      ["/v1/vector_stores", { name: "long-id-store", file_ids: [long] }, "file_ids[0]"],
      [`/v1/vector_stores/${vs.id}/files`, { file_id: long }, "file_id"],
      [`/v1/vector_stores/${vs.id}/file_batches`, { files: [{ file_id: long }] }, "files[0].file_id"],
      [`/api/v1/beta/directories/${dir.id}/files`, { file_id: long }, "file_id"],
      ["/api/v1/indexes", { source_directory_id: long }, "source_directory_id"],
      ["/api/v1/retrieval/retrieve", { index_id: long, query: "x" }, "index_id"],
    ];
    for (const [path, json, param] of cases) {
      const res = await api("POST", path, { json });
      expectFieldError(res, param);
      expect(JSON.stringify(res.body).length).toBeLessThan(1000);
    }
    expect(await storeNames()).not.toContain("long-id-store");
  });
});

describe("whole JSON bodies", () => {
  it("refuses deep nesting under a key the schema ignores, naming the key, and writes nothing", async () => {
    const res = await post("/api/v1/beta/directories", `{"name":"ignored-deep","extra":${nested(50_000)}}`);
    expectFieldError(res, "extra");
    expect(res.body.error.code).toBe("object_above_max_depth");
    expect(await directoryNames()).not.toContain("ignored-deep");
  });

  it("refuses a body that is not UTF-8 with 400", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"name":"'), 0xff, 0xfe, ...new TextEncoder().encode('"}')]);
    const res = await api("POST", "/v1/vector_stores", { raw: bytes, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
  });

  it("answers 413 in the error envelope above the body cap, and writes nothing", async () => {
    const raw = JSON.stringify({ name: "too-big", system_metadata: { blob: "y".repeat(17 * 1024 * 1024) } });
    const res = await post("/api/v1/beta/directories", raw);
    expect(res.status).toBe(413);
    expect(Object.keys(res.body.error).sort()).toEqual(["code", "message", "param", "type"]);
    expect(res.body.error.code).toBe("request_too_large");
    expect(await directoryNames()).not.toContain("too-big");
  });
});

describe("lone UTF-16 surrogates", () => {
  // JSON.stringify on the test side would keep the escape; send it as text to be sure of the wire bytes.
  const LONE = "\\ud800";

  it("rejects a store name, a directory name and a metadata value or key alike, naming the field path", async () => {
    expectFieldError(await post("/v1/vector_stores", `{"name":"bad${LONE}name"}`), "name");
    expectFieldError(await post("/v1/vector_stores", `{"name":"meta-surrogate","metadata":{"k":"v${LONE}"}}`), "metadata.k");
    expectFieldError(await post("/v1/vector_stores", `{"name":"key-surrogate","metadata":{"k${LONE}":"v"}}`), "metadata");
    expectFieldError(await post("/api/v1/beta/directories", `{"name":"dir${LONE}"}`), "name");
    expectFieldError(await post("/api/v1/beta/directories", `{"name":"dir-sm","system_metadata":{"a":["ok","\\udfff"]}}`), "system_metadata.a[1]");
    const stores = await storeNames();
    for (const name of ["meta-surrogate", "key-surrogate"]) expect(stores).not.toContain(name);
    expect(stores.some((n) => n?.startsWith("bad"))).toBe(false);
    const dirs = await directoryNames();
    expect(dirs).not.toContain("dir-sm");
    expect(dirs.some((n) => n.startsWith("dir\ufffd") || n.startsWith("dir\ud800"))).toBe(false);
  });

  it("keeps well-formed astral characters (surrogate pairs) in names and metadata", async () => {
    const res = await post("/v1/vector_stores", `{"name":"emoji \\ud83d\\ude00","metadata":{"k":"\\ud83d\\ude00"}}`);
    expect(res.status).toBe(200);
    expect(res.body.name).toBe("emoji 😀");
    expect(res.body.metadata).toEqual({ k: "😀" });
  });
});

describe("every JSON endpoint", () => {
  it("rejects a lone surrogate in a plain text field of an index with 400 naming it", async () => {
    const res = await post("/api/v1/indexes", `{"source_directory_id":"dir-x","name":"idx\\udc00"}`);
    expectFieldError(res, "name");
  });
});
