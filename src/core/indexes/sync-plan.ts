// The diff of an index sync: the source directory now against what the index exported last time. Pure.
import type { FileRow } from "../catalog/files";
import type { ExportedFile, ManifestRow, SkippedFile } from "../store-object/sync-state";
import type { Attributes } from "../ports";

export interface DesiredFile {
  directoryFileId: string;
  file: FileRow;
  attributes: Attributes | null;
  attributesHash: string;
}

export interface SyncPlan {
  /** New to the index, or exported before but no longer live in the store (failed, cancelled, detached): (re)attach. */
  attach: DesiredFile[];
  /** The same file id with different content than was exported: detach and attach again (a new generation). */
  reprocess: DesiredFile[];
  /** Only the directory file's metadata changed: new attributes, no re-processing. */
  retag: DesiredFile[];
  /** Unchanged; recorded again in case the directory file that points at it changed. */
  keep: DesiredFile[];
  /** Exported before, no longer in the directory (or no longer exportable): detach. */
  detach: string[];
  /** In the directory but not exportable at all. */
  skipped: SkippedFile[];
}

/**
 * Store files are keyed by file id, so the plan is too: a file that two directory files point at is exported once,
 * with the metadata of the older directory file (`desired` comes oldest first).
 */
export function planSync(desired: DesiredFile[], exported: ExportedFile[], exportable: (filename: string) => boolean): SyncPlan {
  const plan: SyncPlan = { attach: [], reprocess: [], retag: [], keep: [], detach: [], skipped: [] };
  const before = new Map(exported.map((e) => [e.file_id, e]));
  const wanted = new Set<string>();
  for (const d of desired) {
    if (wanted.has(d.file.id)) continue;
    if (!exportable(d.file.filename)) {
      plan.skipped.push({ file_id: d.file.id, filename: d.file.filename, reason: "unsupported_file: this file type cannot be indexed" });
      continue;
    }
    wanted.add(d.file.id);
    const e = before.get(d.file.id);
    if (!e) plan.attach.push(d);
    else if (e.sha256 !== d.file.content_sha256) plan.reprocess.push(d);
    else if (e.store_status === null || e.store_status === "failed" || e.store_status === "cancelled") plan.attach.push(d);
    else if (e.attributes_hash !== d.attributesHash) plan.retag.push(d);
    else plan.keep.push(d);
  }
  plan.detach = exported.filter((e) => !wanted.has(e.file_id)).map((e) => e.file_id);
  return plan;
}

export function manifestRow(d: DesiredFile): ManifestRow {
  return { file_id: d.file.id, directory_file_id: d.directoryFileId, sha256: d.file.content_sha256, attributes_hash: d.attributesHash };
}
