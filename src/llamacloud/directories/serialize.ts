// DirectoryRow → LlamaCloud's directory object.
import type { DirectoryRow } from "../../core/directories/directory-service";

export function serializeDirectory(row: DirectoryRow) {
  return {
    id: row.id,
    name: row.name,
    project_id: row.project_id,
    description: row.description,
    type: row.type,
    connector_subscription_id: null,
    system_metadata: row.system_metadata === null ? null : (JSON.parse(row.system_metadata) as Record<string, unknown>),
    created_at: row.created_at,
    updated_at: row.updated_at,
    deleted_at: null,
    expires_at: null,
  };
}
