// How often the index pages refresh an index while it syncs.

/** LlamaCloud sends no poll hint (no openai-poll-after-ms); its syncing guide polls an index every second. */
export const SYNC_POLL_MS = 1000;
