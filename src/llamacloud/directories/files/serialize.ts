// DirectoryFileRow → LlamaCloud's directory file object.
import { parseMetadata } from "../../../core/directories/metadata";
import type { DirectoryFileRow } from "../../../core/directories/directory-file-service";

export function serializeDirectoryFile(row: DirectoryFileRow) {
  return {
    id: row.id,
    directory_id: row.directory_id,
    display_name: row.display_name,
    project_id: row.project_id,
    unique_id: row.unique_id,
    file_id: row.file_id,
    metadata: parseMetadata(row.metadata) ?? {},
    download_url: null,
    data_source_id: null,
    created_at: row.created_at,
    updated_at: row.updated_at,
    deleted_at: null,
  };
}
