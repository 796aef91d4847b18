import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, fetchRaw, KEY_B } from "../helpers";
import { llamaUpload } from "./helpers";

describe("/api/v1/beta/files", () => {
  it("uploads with purpose user_data and answers LlamaCloud's File shape with ISO timestamps", async () => {
    const f = await llamaUpload("notes.md", "# Notes\nhello", "user_data", undefined, { external_file_id: "ext-1" });
    expect(f).toMatchObject({ name: "notes.md", project_id: "proj_a", purpose: "user_data", file_type: "md", file_size: 13, external_file_id: "ext-1" });
    expect(f.id).toMatch(/^file-/);
    expect(new Date(f.created_at).toISOString()).toBe(f.created_at);
    expect(f.expires_at).toBeNull();
    const got = await api("GET", `/api/v1/beta/files/${f.id}`);
    expect(got.body).toEqual(f);
    // The same file through the OpenAI face.
    expect((await api("GET", `/v1/files/${f.id}`)).body).toMatchObject({ id: f.id, filename: "notes.md", purpose: "user_data", bytes: 13 });
  });

  it("refuses an unknown purpose and a missing file part with 400", async () => {
    const bad = new FormData();
    bad.append("file", new File(["x"], "x.txt"));
    bad.append("purpose", "assistants");
    const res = await api("POST", "/api/v1/beta/files", { form: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe("purpose");
    const none = new FormData();
    none.append("purpose", "parse");
    expect((await api("POST", "/api/v1/beta/files", { form: none })).status).toBe(400);
  });

  it("pages with page_size and next_page_token, newest first, and filters by name and ids", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await llamaUpload(`page-${i}.txt`, `p${i}`, "parse")).id);
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const res: any = await api("GET", `/api/v1/beta/files?page_size=2${token ? `&page_token=${token}` : ""}`);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((f: any) => f.id));
      token = res.body.next_page_token;
    } while (token);
    expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());
    const byName = await api("GET", "/api/v1/beta/files?file_name=page-3.txt");
    expect(byName.body.items.map((f: any) => f.id)).toEqual([ids[3]]);
    const byIds = await api("GET", `/api/v1/beta/files?file_ids=${ids[0]}&file_ids=${ids[4]}&order_by=id`);
    expect(byIds.body.items.map((f: any) => f.id)).toEqual([ids[0], ids[4]].sort());
    expect(byIds.body.next_page_token).toBeNull();
    expect((await api("GET", "/api/v1/beta/files?order_by=size")).status).toBe(400);
    expect((await api("GET", "/api/v1/beta/files?page_token=garbage")).status).toBe(400);
  });

  it("answers content with a presigned URL that serves the bytes without a key, and refuses a tampered one", async () => {
    const f = await llamaUpload("data.json", '{"a":1}');
    const res = await api("GET", `/api/v1/beta/files/${f.id}/content?expires_at_seconds=60`);
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.expires_at) - Date.now()).toBeLessThanOrEqual(61_000);
    const download = await exports.default.fetch(new Request(res.body.url));
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('{"a":1}');
    const tampered = new URL(res.body.url);
    tampered.searchParams.set("expires", String(Number(tampered.searchParams.get("expires")) + 1000));
    expect((await exports.default.fetch(new Request(tampered))).status).toBe(401);
    const otherProject = new URL(res.body.url);
    otherProject.searchParams.set("project", "proj_b");
    expect((await exports.default.fetch(new Request(otherProject))).status).toBe(401);
  });

  it("deletes with 204 and no body; the file is gone from both faces", async () => {
    const f = await llamaUpload("bye.txt", "bye");
    const res = await fetchRaw(`/api/v1/beta/files/${f.id}`);
    expect(res.status).toBe(200);
    const del = await api("DELETE", `/api/v1/beta/files/${f.id}`);
    expect(del.status).toBe(204);
    expect(del.body).toBe("");
    expect((await api("GET", `/api/v1/beta/files/${f.id}`)).status).toBe(404);
    expect((await api("GET", `/v1/files/${f.id}`)).status).toBe(404);
  });

  it("hides another project's file with 404 everywhere", async () => {
    const f = await llamaUpload("secret.txt", "s");
    for (const [method, path] of [["GET", `/api/v1/beta/files/${f.id}`], ["GET", `/api/v1/beta/files/${f.id}/content`], ["DELETE", `/api/v1/beta/files/${f.id}`]] as const)
      expect((await api(method, path, { key: KEY_B })).status).toBe(404);
    expect((await api("GET", "/api/v1/beta/files", { key: KEY_B })).body.items.map((x: any) => x.id)).not.toContain(f.id);
  });
});
