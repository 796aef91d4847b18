// When scheduled index syncs run: daily ones in a quarter-hour slot of the UTC day picked by a hash of the index id.

/** The Cron Trigger fires every 15 minutes (wrangler.toml crons, "every 15th minute"): 96 slots a day. */
export const SLOT_MINUTES = 15;
export const SLOTS_PER_DAY = (24 * 60) / SLOT_MINUTES;
/** Delay between a source directory change and the sync it starts; each further change pushes the start back by this much. */
export const SOURCE_CHANGE_DEBOUNCE_SECONDS = 5;
/** A change that arrives while a run is syncing is checked again after this long (the run may not have seen it). */
export const SOURCE_CHANGE_RECHECK_SECONDS = 15;

/** The index's daily slot, 0 … SLOTS_PER_DAY − 1: FNV-1a (32-bit) of its id, so indexes spread over the day. */
export function dailySlot(indexId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < indexId.length; i++) {
    hash ^= indexId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % SLOTS_PER_DAY;
}

/** The slot a cron tick at `scheduledTimeMs` (Unix ms) serves: its quarter hour of the UTC day. */
export function slotAt(scheduledTimeMs: number): number {
  const dayMs = 24 * 3600_000;
  const ms = ((scheduledTimeMs % dayMs) + dayMs) % dayMs;
  return Math.floor(ms / (SLOT_MINUTES * 60_000));
}

/** The next start (Unix ms, at or after `nowMs`) of a daily index's slot. */
export function nextDailyRunMs(indexId: string, nowMs: number): number {
  const dayMs = 24 * 3600_000;
  const start = Math.floor(nowMs / dayMs) * dayMs + dailySlot(indexId) * SLOT_MINUTES * 60_000;
  return start >= nowMs ? start : start + dayMs;
}
