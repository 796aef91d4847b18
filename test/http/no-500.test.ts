import { beforeAll, describe, expect, it } from "vitest";
import { api, uploadFile } from "../helpers";

// Whatever a client sends, the answer is a 4xx in the OpenAI envelope — never a 500.
const BODIES: unknown[] = [
  null,
  [],
  "text",
  42,
  {},
  { query: null, file_id: null, file_ids: null, files: null, attributes: null, metadata: null },
  { query: { nested: true }, file_id: 7, file_ids: "file-x", files: [null], chunking_strategy: "auto", filters: [] },
  { query: "x".repeat(5000), max_num_results: 1e308, ranking_options: { score_threshold: "high" } },
  { filters: { type: "and", filters: Array.from({ length: 200 }, () => ({ type: "eq", key: "k", value: 1 })) }, query: "x" },
  { name: { toString: "x" }, expires_after: { anchor: "last_active_at", days: 1.5 }, metadata: { "": "" } },
  { file_ids: Array.from({ length: 3 }, () => "file-" + "x".repeat(500)) },
];

let storeId = "";
let fileId = "";
let directoryId = "";
let uploadId = "";

beforeAll(async () => {
  storeId = (await api("POST", "/v1/vector_stores", { json: {} })).body.id;
  fileId = (await uploadFile("n.txt", "no five hundreds")).id;
  await api("POST", `/v1/vector_stores/${storeId}/files`, { json: { file_id: fileId } });
  directoryId = (await api("POST", "/api/v1/beta/directories", { json: { name: "no-500" } })).body.id;
  uploadId = (await api("POST", "/v1/uploads", { json: { filename: "u.txt", purpose: "assistants", bytes: 3, mime_type: "text/plain" } })).body.id;
});

/** Every endpoint that reads a JSON body with POST. */
function jsonPaths(): string[] {
  return [
    "/v1/vector_stores",
    `/v1/vector_stores/${storeId}`,
    `/v1/vector_stores/${storeId}/search`,
    `/v1/vector_stores/${storeId}/files`,
    `/v1/vector_stores/${storeId}/files/${fileId}`,
    `/v1/vector_stores/${storeId}/file_batches`,
    "/api/v1/beta/directories",
    `/api/v1/beta/directories/${directoryId}/files`,
    "/api/v1/indexes",
    "/api/v1/retrieval/retrieve",
    "/v1/uploads",
    `/v1/uploads/${uploadId}/complete`,
  ];
}

describe("hostile input", () => {
  it("never answers 500 on the JSON endpoints", async () => {
    for (const path of jsonPaths()) {
      for (const body of BODIES) {
        const res = await api("POST", path, { raw: JSON.stringify(body), headers: { "content-type": "application/json" } });
        expect(res.status, `${path} ${JSON.stringify(body)?.slice(0, 80)}`).toBeLessThan(500);
        if (res.status >= 400) expect(Object.keys(res.body.error ?? {}).sort()).toEqual(["code", "message", "param", "type"]);
      }
      const broken = await api("POST", path, { raw: "{\"unterminated", headers: { "content-type": "application/json" } });
      expect(broken.status, path).toBeLessThan(500);
    }
  });

  it("never answers 500 on deeply nested, oversized or ill-formed fields, whichever field holds them", async () => {
    const deepArray = "[".repeat(50_000) + "]".repeat(50_000);
    const deepObject = '{"a":'.repeat(50_000) + "1" + "}".repeat(50_000);
    // Above D1's 2 MB row limit once stored.
    const bigObject = JSON.stringify({ blob: "x".repeat(3 * 1024 * 1024) });
    const values = [deepArray, deepObject, bigObject, '"\\udc00"', '{"\\ud800":1}'];
    const fields = ["metadata", "attributes", "system_metadata", "filters", "custom_filters", "name", "query", "file_id", "files", "unknown_key"];
    for (const path of jsonPaths()) {
      for (const field of fields) {
        for (const value of values) {
          const res = await api("POST", path, { raw: `{"name":"n","query":"q","index_id":"idx-x","${field}":${value}}`, headers: { "content-type": "application/json" } });
          expect(res.status, `${path} ${field} ${value.slice(0, 12)}`).toBeLessThan(500);
          // LlamaCloud bodies ignore keys they do not know (a flat 3 MB one is harmless): 200 is fine there.
          if (res.status >= 400) expect(Object.keys(res.body.error).sort()).toEqual(["code", "message", "param", "type"]);
        }
      }
    }
  }, 60_000);

  it("never answers 500 on query strings and path ids", async () => {
    const gets = [
      "/v1/files?limit=abc", "/v1/files?limit=-1", "/v1/files?order=sideways", "/v1/files?after=nope",
      "/v1/vector_stores?limit=1e9", "/v1/vector_stores?before=vs_missing", "/v1/vector_stores/vs_%00%ff",
      `/v1/vector_stores/${storeId}/files?filter=everything`, `/v1/vector_stores/${storeId}/files/file-%2e%2e`,
      `/v1/vector_stores/${storeId}/file_batches/vsfb_nope/files`, "/v1/files/file-nope/content",
      "/api/v1/beta/files?page_size=-5", "/api/v1/beta/files?page_token=%7B%7D", "/api/v1/indexes/idx-nope",
    ];
    for (const path of gets) expect((await api("GET", path)).status, path).toBeLessThan(500);
  });

  it("never answers 500 on malformed multipart uploads", async () => {
    const cases: Array<[string, string]> = [
      ["multipart/form-data", "no boundary"],
      ["multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nunterminated"],
      ["multipart/form-data; boundary=xyz", "--xyz\r\nno-disposition: here\r\n\r\nx\r\n--xyz--"],
      ["multipart/form-data; boundary=xyz", "garbage without any boundary at all"],
    ];
    for (const path of ["/v1/files", "/api/v1/beta/files", `/v1/uploads/${uploadId}/parts`]) {
      for (const [type, raw] of cases) {
        const res = await api("POST", path, { raw, headers: { "content-type": type } });
        expect(res.status, `${path} ${raw.slice(0, 30)}`).toBeLessThan(500);
      }
    }
  });
});
