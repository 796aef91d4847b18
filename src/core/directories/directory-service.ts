// LlamaCloud directories: named sets of files in a project. Deleting one removes its entries, never the files.
import type { DirectoriesCatalog, DirectoryListQuery, DirectoryRow, DirectoryType } from "../catalog/directories";
import { newDirectoryId, nowIso } from "../ids";
import type { Sequenced, TokenPage } from "../pagination";

export type { DirectoryRow, DirectoryType };

export interface CreateDirectory {
  name: string;
  description?: string | null | undefined;
  type?: DirectoryType | undefined;
  systemMetadata?: Record<string, unknown> | null | undefined;
}

export class DirectoryService {
  constructor(private readonly repo: DirectoriesCatalog) {}

  async create(projectId: string, params: CreateDirectory): Promise<DirectoryRow> {
    const now = nowIso();
    const row: DirectoryRow = {
      id: newDirectoryId(),
      project_id: projectId,
      name: params.name,
      description: params.description ?? null,
      type: params.type ?? "user",
      system_metadata: params.systemMetadata ? JSON.stringify(params.systemMetadata) : null,
      created_at: now,
      updated_at: now,
    };
    await this.repo.insert(row);
    return row;
  }

  get(projectId: string, id: string): Promise<DirectoryRow | null> {
    return this.repo.get(projectId, id);
  }

  list(projectId: string, q: DirectoryListQuery): Promise<TokenPage<Sequenced<DirectoryRow>>> {
    return this.repo.list(projectId, q);
  }

  /** `null` values clear the description; a null name is ignored (a directory always has one). */
  async update(projectId: string, id: string, params: { name?: string | null | undefined; description?: string | null | undefined }): Promise<DirectoryRow | null> {
    if (!(await this.repo.get(projectId, id))) return null;
    await this.repo.update(id, { name: params.name ?? undefined, description: params.description, updated_at: nowIso() });
    return this.repo.get(projectId, id);
  }

  /** An index whose source this was fails its next sync with a clear message; its exported content stays searchable. */
  async delete(projectId: string, id: string): Promise<boolean> {
    if (!(await this.repo.get(projectId, id))) return false;
    await this.repo.delete(id);
    return true;
  }
}
