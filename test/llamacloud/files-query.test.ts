// POST /api/v1/beta/files/query: the files list with its filter in the body, paginated with page_token in the body.
import { describe, expect, it } from "vitest";
import { api, KEY_B } from "../helpers";
import { llamaUpload } from "./helpers";

const query = (body: Record<string, unknown>, key?: string) => api("POST", "/api/v1/beta/files/query", { json: body, key });

describe("POST /api/v1/beta/files/query", () => {
  it("filters by file_name, external_file_id and file_ids, and pages with page_token in the body", async () => {
    const tag = crypto.randomUUID();
    const a = await llamaUpload(`${tag}-a.md`, "alpha", "user_data", undefined, { external_file_id: `ext-${tag}` });
    const b = await llamaUpload(`${tag}-b.md`, "beta");
    const c = await llamaUpload(`${tag}-c.md`, "gamma");
    const byName = await query({ filter: { file_name: `${tag}-b.md` } });
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((f: any) => f.id)).toEqual([b.id]);
    expect(byName.body.next_page_token).toBeNull();
    expect((await query({ filter: { external_file_id: `ext-${tag}` } })).body.items.map((f: any) => f.id)).toEqual([a.id]);

    const ids = [a.id, b.id, c.id];
    const first = await query({ filter: { file_ids: ids, only_manually_uploaded: true }, page_size: 2, order_by: "name" });
    expect(first.body.items.map((f: any) => f.id)).toEqual([a.id, b.id]);
    expect(first.body.next_page_token).toEqual(expect.any(String));
    const second = await query({ filter: { file_ids: ids }, page_size: 2, order_by: "name", page_token: first.body.next_page_token });
    expect(second.body.items.map((f: any) => f.id)).toEqual([c.id]);
    expect(second.body.next_page_token).toBeNull();
    expect((await query({ filter: { file_ids: ids }, order_by: "created_at desc" })).body.items.map((f: any) => f.id)).toEqual([c.id, b.id, a.id]);
  });

  it("matches nothing for a data source or another project, never shows another project's files, and refuses unknown orders", async () => {
    const tag = crypto.randomUUID();
    const a = await llamaUpload(`${tag}.md`, "alpha");
    expect((await query({ filter: { file_ids: [a.id], data_source_id: "ds-1" } })).body.items).toEqual([]);
    expect((await query({ filter: { file_ids: [a.id], project_id: "another" } })).body.items).toEqual([]);
    expect((await query({ filter: { file_ids: [a.id] } }, KEY_B)).body.items).toEqual([]);
    expect((await query({ filter: { file_name: `${tag}.md` } }, KEY_B)).body.items).toEqual([]);
    const bad = await query({ order_by: "bytes desc" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("order_by");
    expect((await query({ page_token: "garbage" })).status).toBe(400);
  });
});
