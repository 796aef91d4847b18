import { describe, expect, it } from "vitest";
import { planSync, type DesiredFile } from "../../../src/core/indexes/sync-plan";
import type { ExportedFile } from "../../../src/core/store-object/sync-state";
import { isSupportedForRetrieval } from "../../../src/core/ingestion/file-types";

const file = (id: string, sha = `sha-${id}`, filename = `${id}.txt`) => ({
  id, project_id: "p", filename, bytes: 1, purpose: "user_data", content_type: null, content_sha256: sha, created_at: 0, expires_at: null, external_file_id: null,
});
const want = (id: string, opts: { sha?: string; hash?: string; dfl?: string; name?: string } = {}): DesiredFile => ({
  directoryFileId: opts.dfl ?? `dfl-${id}`, file: file(id, opts.sha, opts.name), attributes: null, attributesHash: opts.hash ?? "h",
});
const had = (id: string, status: ExportedFile["store_status"] = "completed", opts: { sha?: string; hash?: string } = {}): ExportedFile => ({
  file_id: id, directory_file_id: `dfl-${id}`, sha256: opts.sha ?? `sha-${id}`, attributes_hash: opts.hash ?? "h", store_status: status,
});

describe("planSync", () => {
  it("sorts every file into exactly one action", () => {
    const plan = planSync(
      [want("new"), want("same"), want("changed", { sha: "sha-2" }), want("retag", { hash: "h2" }), want("failed"), want("img", { name: "photo.png" })],
      [had("same"), had("changed"), had("retag"), had("failed", "failed"), had("removed"), had("img")],
      isSupportedForRetrieval,
    );
    expect(plan.attach.map((d) => d.file.id)).toEqual(["new", "failed"]);
    expect(plan.reprocess.map((d) => d.file.id)).toEqual(["changed"]);
    expect(plan.retag.map((d) => d.file.id)).toEqual(["retag"]);
    expect(plan.keep.map((d) => d.file.id)).toEqual(["same"]);
    // An exported file that is no longer exportable (here: unsupported) leaves the index too.
    expect(plan.detach.sort()).toEqual(["img", "removed"]);
    expect(plan.skipped).toEqual([{ file_id: "img", filename: "photo.png", reason: expect.stringContaining("unsupported_file") }]);
  });

  it("exports a file that two directory files point at once, with the older entry's metadata", () => {
    const plan = planSync([want("f", { dfl: "dfl-old", hash: "old" }), want("f", { dfl: "dfl-new", hash: "new" })], [], isSupportedForRetrieval);
    expect(plan.attach).toHaveLength(1);
    expect(plan.attach[0]).toMatchObject({ directoryFileId: "dfl-old", attributesHash: "old" });
  });

  it("re-attaches a file that left the store behind the index's back, and keeps one still processing", () => {
    const plan = planSync([want("a"), want("b")], [had("a", null), had("b", "in_progress")], isSupportedForRetrieval);
    expect(plan.attach.map((d) => d.file.id)).toEqual(["a"]);
    expect(plan.keep.map((d) => d.file.id)).toEqual(["b"]);
  });
});
