import { describe, expect, it } from "vitest";
import { api, fetchRaw, KEY_B, uploadFile } from "../helpers";

describe("POST /v1/files", () => {
  it("stores the bytes and returns the spec's file object with status processed", async () => {
    const res = await uploadFile("notes.md", "# Hello\n\nworld");
    expect(res).toMatchObject({ object: "file", bytes: 14, filename: "notes.md", purpose: "assistants", status: "processed" });
    expect(res.id).toMatch(/^file-[0-9A-Za-z]{22}$/);
    expect(res.expires_at).toBeUndefined();
  });

  it("keeps quotes, slashes and unicode in the filename as data", async () => {
    const name = 'a "quoted"/../nämé ✓.txt';
    const res = await uploadFile(name, "x");
    expect(res.filename).toBe(name);
    const content = await api("GET", `/v1/files/${res.id}/content`);
    expect(content.body).toBe("x");
  });

  it("accepts every purpose in the spec and sets batch files to expire after 30 days", async () => {
    for (const purpose of ["assistants", "batch", "fine-tune", "vision", "user_data", "evals"]) {
      const res = await uploadFile("p.jsonl", "{}", purpose);
      expect(res.purpose).toBe(purpose);
      if (purpose === "batch") expect(res.expires_at - res.created_at).toBe(30 * 86400);
    }
  });

  it("applies expires_after sent in bracket notation", async () => {
    const form = new FormData();
    form.append("file", new File(["abc"], "e.txt"));
    form.append("purpose", "assistants");
    form.append("expires_after[anchor]", "created_at");
    form.append("expires_after[seconds]", "3600");
    const res = await api("POST", "/v1/files", { form });
    expect(res.status).toBe(200);
    expect(res.body.expires_at - res.body.created_at).toBe(3600);
  });

  it("rejects a bad purpose, out-of-range expiry, unknown fields and a missing file with 400", async () => {
    const cases: Array<[Record<string, string>, boolean, string]> = [
      [{ purpose: "nope" }, true, "purpose"],
      [{ purpose: "assistants", "expires_after[anchor]": "created_at", "expires_after[seconds]": "60" }, true, "expires_after[seconds]"],
      [{ purpose: "assistants", colour: "blue" }, true, "colour"],
      [{ purpose: "assistants" }, false, "file"],
    ];
    for (const [fields, withFile, param] of cases) {
      const form = new FormData();
      if (withFile) form.append("file", new File(["abc"], "a.txt"));
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      const res = await api("POST", "/v1/files", { form });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.type).toBe("invalid_request_error");
      expect(res.body.error.param).toBe(param);
    }
  });

  it("rejects a partial expires_after with 400 naming the missing field, and stores no file", async () => {
    const before = (await api("GET", "/v1/files?limit=10000")).body.data.length;
    const cases: Array<[Record<string, string>, string]> = [
      [{ "expires_after[anchor]": "created_at" }, "expires_after[seconds]"],
      [{ "expires_after[seconds]": "3600" }, "expires_after[anchor]"],
    ];
    for (const [fields, param] of cases) {
      const form = new FormData();
      form.append("file", new File(["abc"], "partial.txt"));
      form.append("purpose", "assistants");
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      const res = await api("POST", "/v1/files", { form });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatchObject({ type: "invalid_request_error", param, code: "missing_required_parameter" });
      expect(res.body.error.message).toBe(`Missing required parameter: '${param}'.`);
    }
    expect((await api("GET", "/v1/files?limit=10000")).body.data.length).toBe(before);
  });

  it("rejects a non-multipart body with 400", async () => {
    const res = await api("POST", "/v1/files", { json: { purpose: "assistants" } });
    expect(res.status).toBe(400);
  });

  it("streams a file larger than one R2 part (multipart upload) and returns the same bytes", async () => {
    const size = 9 * 1024 * 1024 + 123;
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
    const res = await uploadFile("big.bin", bytes);
    expect(res.bytes).toBe(size);
    const back = new Uint8Array(await (await fetchRaw(`/v1/files/${res.id}/content`)).arrayBuffer());
    expect(back.length).toBe(size);
    expect(back.every((b, i) => b === bytes[i])).toBe(true);
  });
});

describe("part content types", () => {
  it("replays a plain media type on download and drops one that is not a valid header value", async () => {
    const boundary = "b0undary";
    const body = (type: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nassistants\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.txt"\r\nContent-Type: ${type}\r\n\r\nhello\r\n--${boundary}--\r\n`;
    const good = await api("POST", "/v1/files", { raw: body("text/plain; charset=utf-8"), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
    expect((await fetchRaw(`/v1/files/${good.body.id}/content`)).headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const odd = await api("POST", "/v1/files", { raw: body("text/plain; x=€"), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
    const download = await fetchRaw(`/v1/files/${odd.body.id}/content`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/octet-stream");
    expect(await download.text()).toBe("hello");
  });
});

describe("GET /v1/files", () => {
  it("lists newest first with exact has_more and after-cursor paging, filtered by purpose", async () => {
    const a = await uploadFile("1.txt", "1", "user_data");
    const b = await uploadFile("2.txt", "2", "user_data");
    const c = await uploadFile("3.txt", "3", "user_data");
    // Other tests of this file upload user_data files too: compare against the full listing.
    const all = (await api("GET", "/v1/files?purpose=user_data")).body.data.map((f: any) => f.id);
    expect(all.slice(0, 3)).toEqual([c.id, b.id, a.id]);
    const page1 = await api("GET", "/v1/files?purpose=user_data&limit=2");
    expect(page1.body.data.map((f: any) => f.id)).toEqual([c.id, b.id]);
    expect(page1.body.has_more).toBe(true);
    const page2 = await api("GET", `/v1/files?purpose=user_data&limit=${all.length}&after=${b.id}`);
    expect(page2.body.data.map((f: any) => f.id)).toEqual(all.slice(2));
    expect(page2.body.has_more).toBe(false);
    const asc = await api("GET", "/v1/files?purpose=user_data&order=asc");
    expect(asc.body.data.map((f: any) => f.id)).toEqual([...all].reverse());
    expect((await api("GET", "/v1/files?purpose=nope")).status).toBe(400);
  });

  it("rejects limit above 10,000 and unknown query parameters", async () => {
    expect((await api("GET", "/v1/files?limit=10001")).body.error.code).toBe("integer_above_max_value");
    expect((await api("GET", "/v1/files?before=file-x")).body.error.code).toBe("unknown_parameter");
  });
});

describe("files of another project", () => {
  it("answers exactly like a file that does not exist", async () => {
    const mine = await uploadFile("secret.txt", "s");
    const other = await api("GET", `/v1/files/${mine.id}`, { key: KEY_B });
    const missing = await api("GET", `/v1/files/file-doesnotexist0000000000`, { key: KEY_B });
    expect(other.status).toBe(404);
    expect(other.body.error.message.replace(mine.id, "ID")).toBe(missing.body.error.message.replace("file-doesnotexist0000000000", "ID"));
    expect((await api("DELETE", `/v1/files/${mine.id}`, { key: KEY_B })).status).toBe(404);
    expect((await api("GET", `/v1/files/${mine.id}/content`, { key: KEY_B })).status).toBe(404);
    expect((await api("GET", "/v1/files", { key: KEY_B })).body.data.find((f: any) => f.id === mine.id)).toBeUndefined();
  });
});

describe("DELETE /v1/files/{id}", () => {
  it("deletes the file and its bytes", async () => {
    const f = await uploadFile("d.txt", "bye");
    expect((await api("DELETE", `/v1/files/${f.id}`)).body).toEqual({ id: f.id, object: "file", deleted: true });
    expect((await api("GET", `/v1/files/${f.id}`)).status).toBe(404);
    expect((await api("GET", `/v1/files/${f.id}/content`)).status).toBe(404);
  });

  it("rejects an id with the wrong prefix with 400", async () => {
    const res = await api("GET", "/v1/files/vs_123");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("Expected an ID that begins with 'file-'");
  });
});
