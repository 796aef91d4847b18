// VectorStoreView → the spec's VectorStoreObject.
import type { VectorStoreView } from "../../core/vector-stores/vector-store-service";

export function serializeVectorStore({ row, summary }: VectorStoreView) {
  return {
    id: row.id,
    object: "vector_store" as const,
    created_at: row.created_at,
    // The spec types name as a required string.
    name: row.name ?? "",
    description: row.description,
    usage_bytes: summary.usage_bytes,
    file_counts: summary.file_counts,
    status: summary.status,
    ...(row.expires_after_days !== null ? { expires_after: { anchor: "last_active_at" as const, days: row.expires_after_days } } : {}),
    expires_at: summary.expires_at,
    last_active_at: summary.last_active_at,
    metadata: row.metadata === null ? null : (JSON.parse(row.metadata) as Record<string, string>),
  };
}
