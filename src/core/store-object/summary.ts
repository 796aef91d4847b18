// What a store object reports about itself: its identity at creation, and the counts and status computed from its rows.

/** Handed to a new store object once; a retried create changes nothing. Times are unix seconds. */
export interface StoreInit {
  storeId: string;
  projectId: string;
  createdAt: number;
  expiresAfterDays: number | null;
  /** False: chunks keep their text (keyword search, read) but are never embedded (an index with vector_target DISABLED). Default true. */
  vectors?: boolean | undefined;
}

export interface FileCounts {
  in_progress: number;
  completed: number;
  failed: number;
  cancelled: number;
  total: number;
}

/** Always computed by SQL over the object's rows, never from running counters. Times are unix seconds. */
export interface StoreSummary {
  file_counts: FileCounts;
  usage_bytes: number;
  status: "expired" | "in_progress" | "completed";
  last_active_at: number;
  expires_at: number | null;
}
