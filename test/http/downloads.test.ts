import { describe, expect, it } from "vitest";
import { api, fetchRaw } from "../helpers";

// Downloads of client-typed content: a browser must never sniff or render what a client uploaded.

async function uploadTyped(path: string, name: string, type: string, content: string): Promise<string> {
  const form = new FormData();
  form.append("file", new File([content], name, { type }));
  form.append("purpose", path === "/v1/files" ? "assistants" : "user_data");
  const res = await api("POST", path, { form });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
}

/** The LlamaCloud download: files.content answers a presigned URL on this server, fetched without a key. */
async function llamaDownload(id: string): Promise<Response> {
  const presigned = await api("GET", `/api/v1/beta/files/${id}/content`);
  expect(presigned.status).toBe(200);
  const url = new URL(presigned.body.url);
  return fetchRaw(`${url.pathname}${url.search}`);
}

const ACTIVE: Array<[string, string]> = [
  ["page.html", "text/html"],
  ["image.svg", "image/svg+xml"],
  ["feed.xml", "text/xml"],
  ["doc.xhtml", "application/xhtml+xml"],
  ["app.js", "text/javascript"],
  ["odd.bin", "application/x-unknown-thing"],
];

function expectSafe(res: Response, expectedType: string): void {
  expect(res.status).toBe(200);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
  expect(res.headers.get("content-type")).toBe(expectedType);
  expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
}

describe("file downloads", () => {
  it("serves content a browser would render as an octet-stream attachment with nosniff (OpenAI face)", async () => {
    for (const [name, type] of ACTIVE) {
      const id = await uploadTyped("/v1/files", name, type, "<script>alert(1)</script>");
      const res = await fetchRaw(`/v1/files/${id}/content`);
      expectSafe(res, "application/octet-stream");
      expect(await res.text()).toBe("<script>alert(1)</script>");
    }
  });

  it("serves the same through the LlamaCloud presigned download", async () => {
    for (const [name, type] of ACTIVE) {
      const id = await uploadTyped("/api/v1/beta/files", name, type, "<svg onload=alert(1)>");
      expectSafe(await llamaDownload(id), "application/octet-stream");
    }
  });

  it("keeps a type on the safe list, still with nosniff and as an attachment", async () => {
    const plain = await uploadTyped("/v1/files", "a.txt", "text/plain", "plain");
    expectSafe(await fetchRaw(`/v1/files/${plain}/content`), "text/plain");
    const pdf = await uploadTyped("/api/v1/beta/files", "a.pdf", "application/pdf", "%PDF-1.4");
    expectSafe(await llamaDownload(pdf), "application/pdf");
  });

  it("serves a part sent without a type as an octet-stream with nosniff", async () => {
    const form = new FormData();
    form.append("file", new File(["x"], "untyped"));
    form.append("purpose", "assistants");
    const id = (await api("POST", "/v1/files", { form })).body.id;
    expectSafe(await fetchRaw(`/v1/files/${id}/content`), "application/octet-stream");
  });
});
