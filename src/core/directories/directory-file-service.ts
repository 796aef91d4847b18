// Files of a LlamaCloud directory. `unique_id` names a document: adding the same unique_id again points it at the new file.
import { conflict, notFound } from "../../http/errors";
import type { DirectoriesRepo } from "../../platform/d1/directories-repo";
import type { DirectoryFileListQuery, DirectoryFileRow, DirectoryFilesRepo } from "../../platform/d1/directory-files-repo";
import type { FileService } from "../files/file-service";
import type { Sequenced } from "../../platform/d1/token-keyset";
import { newDirectoryFileId, nowIso } from "../ids";
import type { TokenPage } from "../pagination";
import type { DirectoryMetadata } from "./metadata";

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

const uniqueIdTaken = (uniqueId: string) =>
  conflict(`A file with unique_id '${uniqueId}' already exists in the target directory.`, "unique_id_conflict");

export class DirectoryFileService {
  constructor(
    private readonly directories: DirectoriesRepo,
    private readonly repo: DirectoryFilesRepo,
    private readonly files: FileService,
  ) {}

  /** Null when the directory is not in this project; 404 (param file_id) when the file is not. */
  async add(projectId: string, directoryId: string, params: AddDirectoryFile): Promise<DirectoryFileRow | null> {
    if (!(await this.directories.get(projectId, directoryId))) return null;
    const file = await this.files.get(projectId, params.fileId);
    if (!file) throw notFound("file", params.fileId, "file_id");
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
    if (!saved) throw notFound("file", params.fileId, "file_id");
    return saved;
  }

  get(projectId: string, directoryId: string, id: string): Promise<DirectoryFileRow | null> {
    return this.repo.get(projectId, directoryId, id);
  }

  async list(projectId: string, directoryId: string, q: DirectoryFileListQuery): Promise<TokenPage<Sequenced<DirectoryFileRow>> | null> {
    if (!(await this.directories.get(projectId, directoryId))) return null;
    return this.repo.list(projectId, directoryId, q);
  }

  /** `metadata` replaces the whole map; `target_directory_id` moves the entry to another directory of the project. */
  async update(projectId: string, directoryId: string, id: string, params: UpdateDirectoryFile): Promise<DirectoryFileRow | null> {
    const row = await this.repo.get(projectId, directoryId, id);
    if (!row) return null;
    const target = params.targetDirectoryId ?? undefined;
    if (target !== undefined && target !== directoryId && !(await this.directories.get(projectId, target)))
      throw notFound("directory", target, "target_directory_id");
    const result = await this.repo.update(id, {
      directory_id: target,
      display_name: params.displayName ?? undefined,
      unique_id: params.uniqueId ?? undefined,
      metadata: params.metadata === undefined ? undefined : params.metadata === null ? null : JSON.stringify(params.metadata),
      updated_at: nowIso(),
    });
    if (result === "conflict") throw uniqueIdTaken(params.uniqueId ?? row.unique_id);
    return this.repo.get(projectId, target ?? directoryId, id);
  }

  delete(projectId: string, directoryId: string, id: string): Promise<boolean> {
    return this.repo.delete(projectId, directoryId, id);
  }
}
