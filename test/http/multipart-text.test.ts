// Multipart text (field names, filenames, small fields) follows the one text rule: well-formed UTF-8 or a 400.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, KEY_A } from "../helpers";

function multipart(parts: Uint8Array[]): { body: Uint8Array; type: string } {
  const chunks = parts.flatMap((p) => [new TextEncoder().encode("------xB\r\n"), p, new TextEncoder().encode("\r\n")]);
  chunks.push(new TextEncoder().encode("------xB--\r\n"));
  const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.length;
  }
  return { body, type: "multipart/form-data; boundary=----xB" };
}

const bytes = (...xs: Array<string | number[]>) => new Uint8Array(xs.flatMap((x) => (typeof x === "string" ? [...new TextEncoder().encode(x)] : x)));

async function post(path: string, body: Uint8Array, type: string) {
  const res = await exports.default.fetch(new Request(`http://shelf.test${path}`, { method: "POST", headers: { authorization: `Bearer ${KEY_A}`, "content-type": type }, body }));
  return { status: res.status, body: (await res.json()) as { error?: { code: string | null; param: string | null } } };
}

describe("multipart text", () => {
  it("refuses a filename that is not valid UTF-8 (a byte-encoded surrogate) and stores nothing", async () => {
    const before = (await api("GET", "/v1/files")).body.data.length;
    for (const bad of [[0xff, 0xfe], [0xed, 0xa0, 0x80]]) {
      const { body, type } = multipart([
        bytes('Content-Disposition: form-data; name="purpose"\r\n\r\nassistants'),
        bytes('Content-Disposition: form-data; name="file"; filename="a', bad, '.txt"\r\nContent-Type: text/plain\r\n\r\nhello'),
      ]);
      const res = await post("/v1/files", body, type);
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe("invalid_unicode");
    }
    expect((await api("GET", "/v1/files")).body.data.length).toBe(before);
  });

  it("refuses a text field that is not valid UTF-8, naming it", async () => {
    const { body, type } = multipart([
      bytes('Content-Disposition: form-data; name="purpose"\r\n\r\nassist', [0xff], "ants"),
      bytes('Content-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello'),
    ]);
    const res = await post("/v1/files", body, type);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid_unicode", param: "purpose" });
  });

  it("keeps a unicode filename sent as UTF-8", async () => {
    const { body, type } = multipart([
      bytes('Content-Disposition: form-data; name="purpose"\r\n\r\nassistants'),
      bytes('Content-Disposition: form-data; name="file"; filename="設備-ü.txt"\r\nContent-Type: text/plain\r\n\r\nhello'),
    ]);
    const res = await post("/v1/files", body, type);
    expect(res.status).toBe(200);
    expect((res.body as unknown as { filename: string }).filename).toBe("設備-ü.txt");
  });
});
