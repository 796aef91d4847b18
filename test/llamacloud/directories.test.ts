import { describe, expect, it } from "vitest";
import { api, KEY_B } from "../helpers";
import { addFile, directory, llamaUpload } from "./helpers";

describe("/api/v1/beta/directories", () => {
  it("creates, gets, updates and deletes a directory with ISO timestamps", async () => {
    const created = await api("POST", "/api/v1/beta/directories", { json: { name: "handbook", description: "HR docs", project_id: null } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: "handbook", description: "HR docs", type: "user", project_id: "proj_a", deleted_at: null });
    expect(created.body.id).toMatch(/^dir-/);
    const id = created.body.id;
    expect((await api("GET", `/api/v1/beta/directories/${id}`)).body).toEqual(created.body);
    const updated = await api("PATCH", `/api/v1/beta/directories/${id}`, { json: { name: "handbook-2", description: null } });
    expect(updated.body).toMatchObject({ name: "handbook-2", description: null });
    expect(updated.body.updated_at >= created.body.updated_at).toBe(true);
    const del = await api("DELETE", `/api/v1/beta/directories/${id}`);
    expect(del.status).toBe(204);
    expect((await api("GET", `/api/v1/beta/directories/${id}`)).status).toBe(404);
  });

  it("validates the body: a name is required, connectors are refused", async () => {
    expect((await api("POST", "/api/v1/beta/directories", { json: {} })).body.error.param).toBe("name");
    expect((await api("POST", "/api/v1/beta/directories", { json: { name: "x", connector_subscription_id: "cs-1" } })).status).toBe(400);
    expect((await api("POST", "/api/v1/beta/directories", { json: { name: "x", type: "index" } })).status).toBe(400);
  });

  it("lists oldest first in pages, filtered by name and type", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await directory(`list-${i}`)).id);
    const eph = (await api("POST", "/api/v1/beta/directories", { json: { name: "tmp", type: "ephemeral" } })).body;
    const first = await api("GET", "/api/v1/beta/directories?page_size=2");
    expect(first.body.items).toHaveLength(2);
    expect(first.body.next_page_token).toEqual(expect.any(String));
    const all: string[] = [];
    let token: string | null = null;
    do {
      const res: any = await api("GET", `/api/v1/beta/directories?page_size=2${token ? `&page_token=${token}` : ""}`);
      all.push(...res.body.items.map((d: any) => d.id));
      token = res.body.next_page_token;
    } while (token);
    expect(all.filter((id) => ids.includes(id))).toEqual(ids);
    expect((await api("GET", "/api/v1/beta/directories?name=list-1")).body.items.map((d: any) => d.id)).toEqual([ids[1]]);
    const types = await api("GET", "/api/v1/beta/directories?types=ephemeral&types=index");
    expect(types.body.items.map((d: any) => d.id)).toEqual([eph.id]);
  });

  it("deleting a directory removes its entries but keeps the files", async () => {
    const dir = await directory();
    const f = await llamaUpload("keep.txt", "keep");
    await addFile(dir.id, { file_id: f.id });
    await api("DELETE", `/api/v1/beta/directories/${dir.id}`);
    expect((await api("GET", `/api/v1/beta/files/${f.id}`)).status).toBe(200);
    expect((await api("GET", `/api/v1/beta/directories/${dir.id}/files`)).status).toBe(404);
  });

  it("hides another project's directory with 404", async () => {
    const dir = await directory("private");
    for (const [method, path] of [["GET", `/api/v1/beta/directories/${dir.id}`], ["PATCH", `/api/v1/beta/directories/${dir.id}`], ["DELETE", `/api/v1/beta/directories/${dir.id}`], ["GET", `/api/v1/beta/directories/${dir.id}/files`]] as const)
      expect((await api(method, path, { key: KEY_B, json: method === "PATCH" ? { name: "x" } : undefined })).status).toBe(404);
    expect((await api("GET", "/api/v1/beta/directories", { key: KEY_B })).body.items).toEqual([]);
  });
});
