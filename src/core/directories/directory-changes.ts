// How the rest of the core learns that a directory's documents changed (index syncs on_source_change listen).

/** Told after a directory's documents changed (add, upload, update, delete; a move changes both directories). */
export type DirectoryChangeListener = (directoryIds: string[]) => Promise<void>;

/** The change is committed: a listener that fails (e.g. the queue is down) is logged, never turned into an error. */
export async function tellDirectoryChange(listener: DirectoryChangeListener, directoryIds: string[]): Promise<void> {
  try {
    await listener(directoryIds);
  } catch (error) {
    console.error(JSON.stringify({ level: "error", msg: "directory change not scheduled", directoryIds, error: String(error) }));
  }
}
