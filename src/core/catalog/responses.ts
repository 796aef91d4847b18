// The catalog's stored responses (D1 `responses`, `response_items`): one row per stored response, one per item id.

/** One stored response. Times are unix seconds; the body (items, output, echo fields) is the R2 object `responseKey(id)`. */
export interface ResponseRow {
  id: string;
  project_id: string;
  /** The response this one continued (previous_response_id), or null. */
  previous_response_id: string | null;
  /** completed | incomplete | failed. */
  status: string;
  created_at: number;
  /** created_at + RESPONSE_RETENTION_SECONDS: past it the response answers 404 and the sweep deletes it. */
  expires_at: number;
}

export interface ResponsesCatalog {
  /** Records the response and the ids of its items (input and output) in one transaction. */
  insert(row: ResponseRow, itemIds: string[]): Promise<void>;
  /** The response if it is this project's and not expired at `now`, else null. */
  get(projectId: string, id: string, now: number): Promise<ResponseRow | null>;
  /** The unexpired response of this project that holds the item `itemId` (the first one recorded), or null. */
  findByItem(projectId: string, itemId: string, now: number): Promise<ResponseRow | null>;
  /** Removes the response's row and its item rows; false when there was no such row of this project. */
  remove(projectId: string, id: string): Promise<boolean>;
  /** Rows whose expiry is at or before `now`, oldest first, at most `limit`. */
  listExpired(now: number, limit: number): Promise<ResponseRow[]>;
}
