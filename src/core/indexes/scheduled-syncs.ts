// Syncs nobody asked for by request: daily ones from the Cron Trigger, and on_source_change ones after a directory changes.
import type { IndexesCatalog } from "../catalog/indexes";
import type { SourceChangedMessage } from "../ingestion/messages";
import type { IndexService } from "./index-service";
import { SOURCE_CHANGE_DEBOUNCE_SECONDS, SOURCE_CHANGE_RECHECK_SECONDS, slotAt } from "./schedule";

/** Daily indexes started per catalog read (each start is one store-object call and one queue send). */
const DAILY_PAGE = 100;

/** What a source_changed message asks next: nothing, or itself again after `delaySeconds` (a run was syncing). */
export type SourceChangeStep = { again: false } | { again: true; delaySeconds: number };

export class ScheduledSyncs {
  constructor(
    private readonly indexes: IndexService,
    private readonly repo: IndexesCatalog,
    private readonly queue: Queue,
  ) {}

  /**
   * One Cron tick (`scheduledTimeMs`, Unix ms): starts every daily index whose slot is this tick's quarter hour of the
   * UTC day. An index already syncing is skipped (its run is today's). Answers how many started and were skipped.
   */
  async runDaily(scheduledTimeMs: number): Promise<{ started: number; skipped: number }> {
    const slot = slotAt(scheduledTimeMs);
    let started = 0;
    let skipped = 0;
    let after = "";
    for (;;) {
      const rows = await this.repo.dueDaily(slot, after, DAILY_PAGE);
      for (const row of rows) {
        const outcome = await this.indexes.startScheduled(row);
        if (outcome === "started") started++;
        else skipped++;
      }
      if (rows.length < DAILY_PAGE) return { started, skipped };
      after = rows[rows.length - 1]!.id;
    }
  }

  /**
   * Directories whose documents changed (add, upload, update, delete): each on_source_change index over them gets a
   * delayed message with the change's number. A later change supersedes it, so a burst ends in one start.
   */
  async sourceChanged(directoryIds: string[]): Promise<void> {
    for (const directoryId of new Set(directoryIds)) {
      const changes = await this.repo.noteSourceChange(directoryId);
      for (const c of changes) {
        const message: SourceChangedMessage = { v: 1, kind: "source_changed", index_id: c.index_id, seq: c.seq };
        await this.queue.send(message, { delaySeconds: SOURCE_CHANGE_DEBOUNCE_SECONDS });
      }
    }
  }

  /**
   * A delayed change arrives: a superseded or already-started change does nothing; the latest starts a sync, or,
   * while a run is syncing (it may have read the directory before the change), is checked again later.
   */
  async onSourceChanged(message: SourceChangedMessage): Promise<SourceChangeStep> {
    if (!(await this.repo.isPendingSourceChange(message.index_id, message.seq))) return { again: false };
    const row = await this.repo.getById(message.index_id);
    if (!row) return { again: false };
    const outcome = await this.indexes.startScheduled(row);
    if (outcome === "busy") return { again: true, delaySeconds: SOURCE_CHANGE_RECHECK_SECONDS };
    await this.repo.markSourceChangeSynced(row.id, message.seq);
    return { again: false };
  }
}
