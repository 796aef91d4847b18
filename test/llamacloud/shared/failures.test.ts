// Each failure the core answers reaches the client as the same wire error: status, type, param, code and message.
import { describe, expect, it } from "vitest";
import { api } from "../../helpers";
import { addFile, directory, llamaUpload } from "../helpers";

const notFoundError = (message: string, param: string) => ({ error: { message, type: "invalid_request_error", param, code: null } });
const conflictError = (message: string, code: string) => ({ error: { message, type: "invalid_request_error", param: null, code } });

function expectError(res: { status: number; body: unknown; headers: Headers }, status: number, body: unknown): void {
  expect(res.status).toBe(status);
  expect(res.body).toEqual(body);
  if (status === 409) expect(res.headers.get("x-should-retry")).toBe("false");
}

describe("the LlamaCloud face's errors for the core's failures", () => {
  it("names the missing directory, file, entry or target directory with 404 and its field", async () => {
    const dir = await directory();
    const entry = await addFile(dir.id, { file_id: (await llamaUpload("a.txt", "a")).id });
    expectError(
      await api("POST", `/api/v1/beta/directories/${dir.id}/files`, { json: { file_id: "file-nope" } }),
      404,
      notFoundError("No such File object: file-nope", "file_id"),
    );
    expectError(
      await api("POST", `/api/v1/beta/directories/dir-nope/files`, { json: { file_id: entry.file_id } }),
      404,
      notFoundError("No directory found with id 'dir-nope'.", "directory_id"),
    );
    expectError(
      await api("PATCH", `/api/v1/beta/directories/${dir.id}/files/dfl-nope`, { json: { display_name: "x" } }),
      404,
      notFoundError("No directory file found with id 'dfl-nope'.", "directory_file_id"),
    );
    expectError(
      await api("PATCH", `/api/v1/beta/directories/${dir.id}/files/${entry.id}`, { json: { target_directory_id: "dir-gone" } }),
      404,
      notFoundError("No directory found with id 'dir-gone'.", "target_directory_id"),
    );
  });

  it("refuses a taken unique_id with 409 unique_id_conflict", async () => {
    const dir = await directory();
    const a = await addFile(dir.id, { file_id: (await llamaUpload("a.txt", "a")).id });
    await addFile(dir.id, { file_id: (await llamaUpload("b.txt", "b")).id });
    expectError(
      await api("PATCH", `/api/v1/beta/directories/${dir.id}/files/${a.id}`, { json: { unique_id: "b.txt" } }),
      409,
      conflictError("A file with unique_id 'b.txt' already exists in the target directory.", "unique_id_conflict"),
    );
  });

  it("names a missing source directory or index with 404, and refuses a running or orphaned sync with 409", async () => {
    expectError(
      await api("POST", "/api/v1/indexes", { json: { source_directory_id: "dir-nope" } }),
      404,
      notFoundError("No directory found with id 'dir-nope'.", "source_directory_id"),
    );
    expectError(await api("POST", "/api/v1/indexes/idx-nope/sync"), 404, notFoundError("No index found with id 'idx-nope'.", "index_id"));
    const dir = await directory();
    const index = (await api("POST", "/api/v1/indexes", { json: { source_directory_id: dir.id } })).body;
    expectError(
      await api("POST", `/api/v1/indexes/${index.id}/sync`),
      409,
      conflictError(`A sync of index '${index.id}' is already running.`, "sync_in_progress"),
    );
    await api("DELETE", `/v1/vector_stores/${index.export_config_id}`);
    expectError(
      await api("POST", `/api/v1/indexes/${index.id}/sync`),
      409,
      conflictError(`The vector store '${index.export_config_id}' of index '${index.id}' was deleted; delete the index and create it again.`, "export_target_deleted"),
    );
  });
});
