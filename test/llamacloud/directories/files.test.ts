import { describe, expect, it } from "vitest";
import { api, KEY_B } from "../../helpers";
import { addFile, directory, llamaUpload } from "../helpers";

describe("/api/v1/beta/directories/{id}/files", () => {
  it("adds a file by file_id with defaults from the file, and gets it", async () => {
    const dir = await directory();
    const f = await llamaUpload("guide.md", "# Guide");
    const dfl = await addFile(dir.id, { file_id: f.id, metadata: { team: "ops", year: 2024, draft: false, tags: ["a", "b"], gone: null } });
    expect(dfl).toMatchObject({ directory_id: dir.id, file_id: f.id, display_name: "guide.md", unique_id: "guide.md", project_id: "proj_a", deleted_at: null });
    expect(dfl.metadata).toEqual({ team: "ops", year: 2024, draft: false, tags: ["a", "b"], gone: null });
    expect(dfl.id).toMatch(/^dfl-/);
    expect((await api("GET", `/api/v1/beta/directories/${dir.id}/files/${dfl.id}`)).body).toEqual(dfl);
  });

  it("adding the same unique_id again points the entry at the new file (a new version)", async () => {
    const dir = await directory();
    const v1 = await llamaUpload("policy.txt", "version one");
    const v2 = await llamaUpload("policy.txt", "version two");
    const a = await addFile(dir.id, { file_id: v1.id, unique_id: "policy", metadata: { v: 1 } });
    const b = await addFile(dir.id, { file_id: v2.id, unique_id: "policy" });
    expect(b.id).toBe(a.id);
    expect(b.file_id).toBe(v2.id);
    // Metadata was not sent: the entry keeps its own.
    expect(b.metadata).toEqual({ v: 1 });
    expect((await api("GET", `/api/v1/beta/directories/${dir.id}/files`)).body.items).toHaveLength(1);
  });

  it("uploads in one multipart call with metadata as a JSON string", async () => {
    const dir = await directory();
    const form = new FormData();
    form.append("upload_file", new File(["uploaded text"], "up.txt"));
    form.append("metadata", JSON.stringify({ source: "upload" }));
    form.append("external_file_id", "ext-9");
    const res = await api("POST", `/api/v1/beta/directories/${dir.id}/files/upload`, { form });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ display_name: "up.txt", unique_id: "ext-9", metadata: { source: "upload" } });
    const file = await api("GET", `/api/v1/beta/files/${res.body.file_id}`);
    expect(file.body).toMatchObject({ purpose: "user_data", external_file_id: "ext-9", name: "up.txt" });
    const bad = new FormData();
    bad.append("upload_file", new File(["x"], "x.txt"));
    bad.append("metadata", "{not json");
    expect((await api("POST", `/api/v1/beta/directories/${dir.id}/files/upload`, { form: bad })).status).toBe(400);
  });

  it("refuses upload metadata holding a lone surrogate or deep nesting, naming the field, and adds nothing", async () => {
    const dir = await directory();
    const cases: Array<[string, string]> = [
      ['{"k":"v\\ud800"}', "metadata.k"],
      ['{"k":' + "[".repeat(10_000) + "]".repeat(10_000) + "}", "metadata"],
    ];
    for (const [metadata, param] of cases) {
      const form = new FormData();
      form.append("upload_file", new File(["x"], "x.txt"));
      form.append("metadata", metadata);
      const res = await api("POST", `/api/v1/beta/directories/${dir.id}/files/upload`, { form });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.param).toBe(param);
    }
    expect((await api("GET", `/api/v1/beta/directories/${dir.id}/files`)).body.items).toEqual([]);
  });

  it("lists with filters and pages", async () => {
    const dir = await directory();
    const ids: string[] = [];
    for (const name of ["Alpha report.txt", "beta notes.txt", "gamma REPORT.txt"]) {
      const f = await llamaUpload(name, name);
      ids.push((await addFile(dir.id, { file_id: f.id })).id);
    }
    const list = (q: string) => api("GET", `/api/v1/beta/directories/${dir.id}/files?${q}`).then((r) => r.body.items.map((x: any) => x.id));
    expect(await list("display_name_contains=report")).toEqual([ids[0], ids[2]]);
    expect(await list("display_name=beta%20notes.txt")).toEqual([ids[1]]);
    expect(await list("unique_id=gamma%20REPORT.txt")).toEqual([ids[2]]);
    expect(await list("updated_at_on_or_after=2000-01-01T00:00:00Z")).toEqual(ids);
    expect(await list("updated_at_on_or_before=2000-01-01T00:00:00Z")).toEqual([]);
    const page = await api("GET", `/api/v1/beta/directories/${dir.id}/files?page_size=2`);
    expect(page.body.items.map((x: any) => x.id)).toEqual(ids.slice(0, 2));
    const next = await api("GET", `/api/v1/beta/directories/${dir.id}/files?page_size=2&page_token=${page.body.next_page_token}`);
    expect(next.body).toMatchObject({ next_page_token: null });
    expect(next.body.items.map((x: any) => x.id)).toEqual([ids[2]]);
  });

  it("updates display_name and metadata, moves to another directory, and refuses a taken unique_id with 409", async () => {
    const dir = await directory();
    const other = await directory("other");
    const a = await addFile(dir.id, { file_id: (await llamaUpload("a.txt", "a")).id });
    const b = await addFile(dir.id, { file_id: (await llamaUpload("b.txt", "b")).id });
    const updated = await api("PATCH", `/api/v1/beta/directories/${dir.id}/files/${a.id}`, { json: { display_name: "A", metadata: { k: "v" } } });
    expect(updated.body).toMatchObject({ display_name: "A", metadata: { k: "v" } });
    const clash = await api("PATCH", `/api/v1/beta/directories/${dir.id}/files/${a.id}`, { json: { unique_id: "b.txt" } });
    expect(clash.status).toBe(409);
    expect(clash.headers.get("x-should-retry")).toBe("false");
    const moved = await api("PATCH", `/api/v1/beta/directories/${dir.id}/files/${b.id}`, { json: { target_directory_id: other.id } });
    expect(moved.body.directory_id).toBe(other.id);
    expect((await api("GET", `/api/v1/beta/directories/${other.id}/files/${b.id}`)).status).toBe(200);
    expect((await api("GET", `/api/v1/beta/directories/${dir.id}/files/${b.id}`)).status).toBe(404);
  });

  it("validates metadata against what attributes can hold", async () => {
    const dir = await directory();
    const f = await llamaUpload("m.txt", "m");
    const tooMany = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i]));
    for (const metadata of [tooMany, { k: { nested: true } }, { k: "x".repeat(513) }, { k: Array.from({ length: 200 }, () => "abc") }]) {
      const res = await api("POST", `/api/v1/beta/directories/${dir.id}/files`, { json: { file_id: f.id, metadata } });
      expect(res.status, JSON.stringify(metadata).slice(0, 40)).toBe(400);
    }
  });

  it("deleting a file removes the directory entries that point at it", async () => {
    const dir = await directory();
    const f = await llamaUpload("doomed.txt", "doomed");
    const entry = await addFile(dir.id, { file_id: f.id });
    expect((await api("DELETE", `/v1/files/${f.id}`)).status).toBe(200);
    expect((await api("GET", `/api/v1/beta/directories/${dir.id}/files/${entry.id}`)).status).toBe(404);
  });

  it("deletes with 204, keeping the file; 404 for another project's directory, file or entry", async () => {
    const dir = await directory();
    const f = await llamaUpload("d.txt", "d");
    const dfl = await addFile(dir.id, { file_id: f.id });
    const theirs = await llamaUpload("t.txt", "t", "user_data", KEY_B);
    expect((await api("POST", `/api/v1/beta/directories/${dir.id}/files`, { json: { file_id: theirs.id } })).status).toBe(404);
    expect((await api("GET", `/api/v1/beta/directories/${dir.id}/files/${dfl.id}`, { key: KEY_B })).status).toBe(404);
    expect((await api("POST", `/api/v1/beta/directories/${dir.id}/files`, { json: { file_id: f.id }, key: KEY_B })).status).toBe(404);
    expect((await api("DELETE", `/api/v1/beta/directories/${dir.id}/files/${dfl.id}`)).status).toBe(204);
    expect((await api("GET", `/api/v1/beta/directories/${dir.id}/files/${dfl.id}`)).status).toBe(404);
    expect((await api("GET", `/api/v1/beta/files/${f.id}`)).status).toBe(200);
  });
});
