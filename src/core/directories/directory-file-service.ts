// Files of a LlamaCloud directory. `unique_id` names a document: adding the same unique_id again points it at the new file.
import type { DirectoriesCatalog } from "../catalog/directories";
import type { DirectoryFileListQuery, DirectoryFileRow, DirectoryFilesCatalog } from "../catalog/directory-files";
import type { FileService } from "../files/file-service";
import { newDirectoryFileId, nowIso } from "../ids";
import type { Sequenced, TokenPage } from "../pagination";
import { failed, missing, ok, type Result } from "../result";
import type { DirectoryMetadata } from "./metadata";
import { tellDirectoryChange, type DirectoryChangeListener } from "./directory-changes";

export type { DirectoryFileRow };

export interface AddDirectoryFile {
  fileId: string;
  displayName?: string | null | undefined;
  uniqueId?: string | null | undefined;
  /** undefined keeps the metadata of an existing unique_id; null clears it. */
  metadata?: DirectoryMetadata | null | undefined;
}

export interface UpdateDirectoryFile {
  displayName?: string | null | undefined;
  uniqueId?: string | null | undefined;
  metadata?: DirectoryMetadata | null | undefined;
  targetDirectoryId?: string | null | undefined;
}

export class DirectoryFileService {
  constructor(
    private readonly directories: DirectoriesCatalog,
    private readonly repo: DirectoryFilesCatalog,
    private readonly files: FileService,
    private readonly onChange: DirectoryChangeListener = async () => {},
  ) {}

  private changed(directoryIds: string[]): Promise<void> {
    return tellDirectoryChange(this.onChange, directoryIds);
  }

  /** Fails `not_found` when the directory (directory_id) or the file (file_id) is not in this project. */
  async add(projectId: string, directoryId: string, params: AddDirectoryFile): Promise<Result<DirectoryFileRow>> {
    if (!(await this.directories.get(projectId, directoryId))) return missing("directory", directoryId, "directory_id");
    const fileMissing = missing("file", params.fileId, "file_id");
    const file = await this.files.get(projectId, params.fileId);
    if (!file) return fileMissing;
    const now = nowIso();
    const saved = await this.repo.upsert(
      {
        id: newDirectoryFileId(),
        directory_id: directoryId,
        project_id: projectId,
        file_id: file.id,
        display_name: params.displayName ?? file.filename,
        unique_id: params.uniqueId ?? file.external_file_id ?? file.filename,
        metadata: params.metadata ? JSON.stringify(params.metadata) : null,
        created_at: now,
        updated_at: now,
      },
      params.metadata === undefined,
    );
    // The file was deleted between the read above and the write: the delete won, as if it had come first.
    if (!saved) return fileMissing;
    await this.changed([directoryId]);
    return ok(saved);
  }

  get(projectId: string, directoryId: string, id: string): Promise<DirectoryFileRow | null> {
    return this.repo.get(projectId, directoryId, id);
  }

  async list(projectId: string, directoryId: string, q: DirectoryFileListQuery): Promise<TokenPage<Sequenced<DirectoryFileRow>> | null> {
    if (!(await this.directories.get(projectId, directoryId))) return null;
    return this.repo.list(projectId, directoryId, q);
  }

  /**
   * `metadata` replaces the whole map; `target_directory_id` moves the entry to another directory of the project.
   * Fails `not_found` for the entry or the target directory, `unique_id_conflict` when the target has the unique_id.
   */
  async update(projectId: string, directoryId: string, id: string, params: UpdateDirectoryFile): Promise<Result<DirectoryFileRow>> {
    const row = await this.repo.get(projectId, directoryId, id);
    if (!row) return missing("directory_file", id, "directory_file_id");
    const target = params.targetDirectoryId ?? undefined;
    if (target !== undefined && target !== directoryId && !(await this.directories.get(projectId, target)))
      return missing("directory", target, "target_directory_id");
    const result = await this.repo.update(id, {
      directory_id: target,
      display_name: params.displayName ?? undefined,
      unique_id: params.uniqueId ?? undefined,
      metadata: params.metadata === undefined ? undefined : params.metadata === null ? null : JSON.stringify(params.metadata),
      updated_at: nowIso(),
    });
    if (result === "conflict") return failed({ kind: "unique_id_conflict", uniqueId: params.uniqueId ?? row.unique_id });
    await this.changed(target === undefined ? [directoryId] : [directoryId, target]);
    const updated = await this.repo.get(projectId, target ?? directoryId, id);
    // Deleted between the write and this read: as if the delete had come first.
    return updated ? ok(updated) : missing("directory_file", id, "directory_file_id");
  }

  async delete(projectId: string, directoryId: string, id: string): Promise<boolean> {
    const deleted = await this.repo.delete(projectId, directoryId, id);
    if (deleted) await this.changed([directoryId]);
    return deleted;
  }
}
