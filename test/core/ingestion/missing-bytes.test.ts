// An ingest message that finds no bytes: a deleted file leaves the store, a live one ends failed.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, uploadFile } from "../../helpers";
import { deliver, generationOf, ingestMessage } from "../../ingest-helpers";
import { fileKey } from "../../../src/core/files/blob-keys";

async function attachedStore(content: string): Promise<{ storeId: string; fileId: string }> {
  const f = await uploadFile("doc.txt", content);
  const storeId = (await api("POST", "/v1/vector_stores", { json: { file_ids: [f.id] } })).body.id as string;
  return { storeId, fileId: f.id };
}

describe("ingesting a file whose bytes are gone", () => {
  it("detaches a file already deleted from the catalog (the delete's cascade has not reached this store yet): no failed row, nothing counted", async () => {
    const { storeId, fileId } = await attachedStore("Deleted before processing.");
    const generation = await generationOf(storeId, fileId);
    // The first steps of a file delete: the catalog row, then the bytes; the detach from this store comes later.
    await env.DB.prepare(`DELETE FROM files WHERE id = ?`).bind(fileId).run();
    await env.FILES.delete(fileKey(fileId));
    await deliver([ingestMessage(storeId, fileId, generation)]);
    expect(await env.STORE.getByName(storeId).getFile(fileId)).toBeNull();
    const view = (await api("GET", `/v1/vector_stores/${storeId}`)).body;
    expect(view.file_counts).toEqual({ in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 });
    const { results } = await env.DB.prepare(`SELECT file_id FROM store_files WHERE vector_store_id = ?`).bind(storeId).all();
    expect(results).toEqual([]);
  });

  it("fails a file whose catalog row still exists (its content is missing), so the watchdog does not re-send it forever", async () => {
    const { storeId, fileId } = await attachedStore("Bytes lost.");
    const generation = await generationOf(storeId, fileId);
    await env.FILES.delete(fileKey(fileId));
    await deliver([ingestMessage(storeId, fileId, generation)]);
    const row = (await api("GET", `/v1/vector_stores/${storeId}/files/${fileId}`)).body;
    expect(row).toMatchObject({ status: "failed", last_error: { code: "invalid_file" } });
  });
});
