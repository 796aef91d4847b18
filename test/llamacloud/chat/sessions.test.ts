// /api/v1/chat sessions: create, list, retrieve, summary, delete; project-scoped; the SDK's shapes.
import { describe, expect, it } from "vitest";
import { api, KEY_B } from "../../helpers";
import { indexedDirectory } from "../helpers";

const create = (json: Record<string, unknown> = {}, key?: string) => api("POST", "/api/v1/chat", { json, key });

describe("chat sessions", () => {
  it("creates an unbound session in the SDK's shape", async () => {
    const res = await create();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      session_id: expect.stringMatching(/^chat-[0-9a-f]{24}$/),
      last_updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      shared_access: false,
      generated_title: null,
      index_ids: null,
      job_metadata: null,
    });
  });

  it("binds indexes given by id or export_config_id, as index ids, and echoes shared_access", async () => {
    const { index } = await indexedDirectory([{ name: "a.md", text: "Alpha.", metadata: {} }]);
    const res = await create({ index_ids: [index.export_config_id], shared_access: true });
    expect(res.status).toBe(200);
    expect(res.body.index_ids).toEqual([index.id]);
    expect(res.body.shared_access).toBe(true);
  });

  it("answers 404 naming index_ids[i] for an unknown index or another project's", async () => {
    const theirs = (await api("POST", "/api/v1/beta/directories", { json: { name: "theirs" }, key: KEY_B })).body;
    const theirIndex = (await api("POST", "/api/v1/indexes", { json: { source_directory_id: theirs.id }, key: KEY_B })).body;
    for (const id of ["idx-nope", theirIndex.id]) {
      const res = await create({ index_ids: [id] });
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ param: "index_ids[0]", message: `No index found with id '${id}'.` });
    }
  });

  it("answers 400 for a malformed body", async () => {
    const res = await create({ index_ids: "idx-1" });
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe("index_ids");
  });

  it("retrieves a session with its (empty) events, and its summary without them", async () => {
    const { session_id } = (await create()).body;
    const got = await api("GET", `/api/v1/chat/${session_id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ session_id, events: [], index_ids: null, job_metadata: null });
    const summary = await api("GET", `/api/v1/chat/${session_id}/summary`);
    expect(summary.status).toBe(200);
    const { events: _events, ...withoutEvents } = got.body;
    expect(summary.body).toEqual(withoutEvents);
  });

  it("lists the project's sessions newest first, a page at a time", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await create({}, KEY_B)).body.session_id);
    const first = await api("GET", "/api/v1/chat?page_size=2", { key: KEY_B });
    expect(first.status).toBe(200);
    expect(first.body.items.map((s: any) => s.session_id)).toEqual([ids[2], ids[1]]);
    expect(first.body.next_page_token).toEqual(expect.any(String));
    const second = await api("GET", `/api/v1/chat?page_size=2&page_token=${first.body.next_page_token}`, { key: KEY_B });
    expect(second.body.items.map((s: any) => s.session_id)).toEqual([ids[0]]);
    expect(second.body.next_page_token).toBeNull();
    // Project A's sessions are not among project B's.
    const mine = (await create()).body.session_id;
    const theirs = await api("GET", "/api/v1/chat?page_size=100", { key: KEY_B });
    expect(theirs.body.items.map((s: any) => s.session_id)).not.toContain(mine);
  });

  it("deletes a session: 204, then 404 for retrieve, summary and delete", async () => {
    const { session_id } = (await create()).body;
    expect((await api("DELETE", `/api/v1/chat/${session_id}`)).status).toBe(204);
    for (const [method, path] of [["GET", `/api/v1/chat/${session_id}`], ["GET", `/api/v1/chat/${session_id}/summary`], ["DELETE", `/api/v1/chat/${session_id}`]] as const) {
      const res = await api(method, path);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ type: "invalid_request_error", param: "session_id", message: `No chat session found with id '${session_id}'.` });
    }
  });

  it("answers another project's session exactly like a missing one", async () => {
    const { session_id } = (await create()).body;
    for (const [method, path] of [["GET", `/api/v1/chat/${session_id}`], ["GET", `/api/v1/chat/${session_id}/summary`], ["DELETE", `/api/v1/chat/${session_id}`]] as const) {
      const res = await api(method, path, { key: KEY_B });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(`No chat session found with id '${session_id}'.`);
    }
    const stream = await api("POST", `/api/v1/chat/${session_id}/messages/stream`, { json: { index_ids: ["idx-x"], prompt: "hi" }, key: KEY_B });
    expect(stream.status).toBe(404);
    expect(stream.body.error.param).toBe("session_id");
    // Still there for its own project.
    expect((await api("GET", `/api/v1/chat/${session_id}`)).status).toBe(200);
  });
});
