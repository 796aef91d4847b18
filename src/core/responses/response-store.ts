// Stored responses: the D1 row (project, expiry, the commit point) and the R2 body (items, output, echo fields).
import type { ResponseRow, ResponsesCatalog } from "../catalog/responses";
import { responseKey } from "../files/blob-keys";
import { nowSeconds } from "../ids";
import type { ResponseState } from "./items";
import type { StoredItem } from "./stored-items";

/** How long a stored response can be retrieved and chained: 30 days after its creation (OpenAI's documented default). */
export const RESPONSE_RETENTION_SECONDS = 30 * 86_400;
/** Expired responses deleted per Cron Trigger run (every 15 minutes). */
const SWEEP_BATCH = 100;

/** The R2 body of a stored response. */
export interface StoredResponse {
  /** Body format version. */
  v: 1;
  previous_response_id: string | null;
  /** The final state the engine yielded; file_search results are always kept (the face filters them by `include`). */
  response: ResponseState;
  /** The request's echo fields (instructions, tools, metadata, …) in the face's wire shape, kept as sent back. */
  echo: Record<string, unknown>;
  /** This request's own input items, each with an id (GET …/input_items). */
  input: StoredItem[];
  /** The previous_response_id chain's items, oldest first: what came before `input` in the model's transcript. */
  history: StoredItem[];
}

/** Everything a response continues from: its chain, its input, then its output (the next turn's history). */
export function conversationOf(stored: StoredResponse): StoredItem[] {
  return [...stored.history, ...stored.input, ...stored.response.output];
}

export class ResponseStore {
  constructor(
    private readonly catalog: ResponsesCatalog,
    private readonly bucket: R2Bucket,
  ) {}

  /** Stores a finished response: the body first, then the row (a response without its row is never read). */
  async save(projectId: string, stored: StoredResponse): Promise<void> {
    const { response } = stored;
    await this.bucket.put(responseKey(response.id), JSON.stringify(stored), { httpMetadata: { contentType: "application/json" } });
    const row: ResponseRow = {
      id: response.id,
      project_id: projectId,
      previous_response_id: stored.previous_response_id,
      status: response.status,
      created_at: response.created_at,
      expires_at: response.created_at + RESPONSE_RETENTION_SECONDS,
    };
    await this.catalog.insert(row, [...stored.input, ...response.output].map((item) => item.id));
  }

  /** The stored response of this project, or null (unknown, another project's, deleted or expired). */
  async get(projectId: string, id: string): Promise<StoredResponse | null> {
    const row = await this.catalog.get(projectId, id, nowSeconds());
    return row ? this.body(row.id) : null;
  }

  /** A stored item of this project (input or output of an unexpired response) by its id, or null. */
  async findItem(projectId: string, itemId: string): Promise<StoredItem | null> {
    const row = await this.catalog.findByItem(projectId, itemId, nowSeconds());
    const stored = row ? await this.body(row.id) : null;
    return [...(stored?.input ?? []), ...(stored?.response.output ?? [])].find((item) => item.id === itemId) ?? null;
  }

  /** Deletes a response of this project (body, then rows); false when there is none to delete. */
  async remove(projectId: string, id: string): Promise<boolean> {
    if (!(await this.catalog.get(projectId, id, nowSeconds()))) return false;
    await this.bucket.delete(responseKey(id));
    return this.catalog.remove(projectId, id);
  }

  /** Deletes up to SWEEP_BATCH responses past their retention; answers how many. */
  async sweep(): Promise<number> {
    const expired = await this.catalog.listExpired(nowSeconds(), SWEEP_BATCH);
    for (const row of expired) {
      await this.bucket.delete(responseKey(row.id));
      await this.catalog.remove(row.project_id, row.id);
    }
    return expired.length;
  }

  private async body(id: string): Promise<StoredResponse | null> {
    const object = await this.bucket.get(responseKey(id));
    return object ? object.json<StoredResponse>() : null;
  }
}
