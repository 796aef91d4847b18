// IndexView → LlamaCloud's index object; `metadata.status` is syncing | ready | failed (with `error_message`).
import type { IndexRow, IndexView } from "../../core/indexes/index-service";
import { isoFromMillis } from "../shared/time";
import { nextDailyRunMs } from "../../core/indexes/schedule";

function syncFields({ row, state, exportTargetDeleted }: IndexView) {
  if (exportTargetDeleted) {
    const message = `The index's vector store '${row.vector_store_id}' was deleted; delete the index and create it again.`;
    return { status: "failed" as const, error_message: message, run: null, last_synced_at: row.last_synced_at, last_exported_at: row.last_exported_at };
  }
  if (state) {
    return {
      status: state.status,
      error_message: state.error_message,
      run: state.run,
      last_synced_at: isoFromMillis(state.last_synced_at),
      last_exported_at: isoFromMillis(state.last_exported_at),
    };
  }
  // The catalog mirror: listings, or a store deleted through the OpenAI face (its object is gone).
  return { status: row.status, error_message: row.error_message, run: null, last_synced_at: row.last_synced_at, last_exported_at: row.last_exported_at };
}

export function serializeIndex(view: IndexView) {
  const { row } = view;
  const sync = syncFields(view);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    project_id: row.project_id,
    source_directory_id: row.source_directory_id,
    export_config_id: row.vector_store_id,
    sync_config_id: row.sync_config_id,
    output_directory_id: row.output_directory_id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    last_synced_at: sync.last_synced_at,
    last_exported_at: sync.last_exported_at,
    sync_frequency: row.sync_frequency,
    vector_target: row.vector_target,
    metadata: {
      status: sync.status,
      ...(sync.error_message ? { error_message: sync.error_message } : {}),
      ...(sync.run !== null ? { sync_run: sync.run } : {}),
      vector_store_id: row.vector_store_id,
      // When the Cron Trigger starts this index's next daily sync (its quarter hour of the UTC day).
      ...(row.sync_frequency === "daily" ? { next_scheduled_sync_at: new Date(nextDailyRunMs(row.id, Date.now())).toISOString() } : {}),
    },
  };
}

/** Listings come from the catalog mirror. */
export const serializeIndexRow = (row: IndexRow) => serializeIndex({ row, state: null });
