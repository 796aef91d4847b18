// The indexes a chat session or turn names: resolved in the project, checked before any byte of a turn is sent.
import type { Context } from "hono";
import type { AppEnv } from "../../http/app-env";
import { badRequest, conflict, notFound } from "../../http/errors";
import type { IndexRow } from "../../core/indexes/index-service";
import type { SearchableIndex } from "../../core/chat/index-search";

/** Each id (an index id or its export_config_id, as retrieval accepts) as the project's index; 404 naming `param[i]`. */
export async function resolveIndexes(c: Context<AppEnv>, ids: readonly string[], param: string): Promise<IndexRow[]> {
  const indexes = c.get("services").indexes;
  return Promise.all(
    ids.map(async (id, i) => {
      const row = await indexes.resolve(c.get("projectId"), id);
      if (!row) throw notFound("index", id, `${param}[${i}]`);
      return row;
    }),
  );
}

/**
 * The indexes a turn searches. An index without vectors (vector_target DISABLED) or whose export store was deleted can
 * never be searched: 400. An index whose first sync has not exported yet (`last_exported_at` null) is skipped and named
 * in the stop event, unless `requireAll` (then 409 index_not_ready); a turn with no searchable index at all is a 409 too.
 */
export async function searchableIndexes(c: Context<AppEnv>, rows: readonly IndexRow[], requireAll: boolean): Promise<{ searchable: SearchableIndex[]; skipped: string[] }> {
  const s = c.get("services");
  const searchable: SearchableIndex[] = [];
  const skipped: string[] = [];
  for (const [i, row] of rows.entries()) {
    const param = `index_ids[${i}]`;
    if (row.vector_target === "DISABLED")
      throw badRequest(`Index '${row.id}' was created with vector_target 'DISABLED': it has no vectors to chat over. Create an index with vector_target 'DEFAULT'.`, param, "vector_target_disabled");
    if (!(await s.vectorStores.getRow(c.get("projectId"), row.vector_store_id)))
      throw badRequest(`The vector store '${row.vector_store_id}' of index '${row.id}' was deleted.`, param, "export_target_deleted");
    if (row.last_exported_at !== null) searchable.push({ indexId: row.id, vectorStoreId: row.vector_store_id });
    else if (requireAll) throw conflict(`Index '${row.id}' has not finished its first sync yet; wait for metadata.status 'ready' or leave require_all_indexes unset.`, "index_not_ready");
    else skipped.push(row.id);
  }
  if (searchable.length === 0) throw conflict(`None of the indexes has finished its first sync yet; wait for metadata.status 'ready'.`, "index_not_ready");
  return { searchable, skipped };
}
