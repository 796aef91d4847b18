// LlamaCloud's find / grep / read over an index's files: names from the store's file rows, text from the store
// object's chunks (one source, so grep's and read's offsets are the chunks' chunk_start_char / chunk_end_char).
import type { StoreObjects } from "../store-object/store-objects";
import { compilePattern, type PatternRefusal } from "./pattern";
import { grepText, type GrepMatch } from "./grep";

/** Most characters one read returns (ours; about 25k tokens, a comfortable slice of a model's context). */
export const MAX_READ_CHARS = 100_000;
/** Rows read from the store object per call while finding files by name. */
const FIND_SCAN_ROWS = 200;

export interface FoundFile {
  fileId: string;
  filename: string;
}

/** A file is named exactly (`fileName`) and/or by a case-insensitive substring (`nameContains`); both must hold. */
export interface FindQuery {
  fileName: string | null;
  nameContains: string | null;
  /** The last file id of the previous page, or null. */
  after: string | null;
  pageSize: number;
}

/** What grep answers: a page (`next` = the offset to resume at), or why it did not run. */
export type GrepOutcome =
  | { kind: "page"; matches: GrepMatch[]; next: number | null }
  | { kind: "file_not_found" }
  | PatternRefusal
  | { kind: "time_limit"; message: string };

export class DocumentService {
  constructor(private readonly objects: StoreObjects) {}

  /** The store's completed files whose name matches, in attach order; `next` is the cursor after the page. "bad_cursor": a foreign `after`. */
  async find(storeId: string, q: FindQuery): Promise<{ files: FoundFile[]; next: string | null } | "bad_cursor"> {
    const object = this.objects.get(storeId);
    const needle = q.nameContains?.toLowerCase() ?? null;
    const files: FoundFile[] = [];
    let after = q.after ?? undefined;
    for (;;) {
      const page = await object.listFiles({ limit: FIND_SCAN_ROWS, order: "asc", after, filter: "completed" });
      if (page === "bad_cursor") return "bad_cursor";
      for (const row of page.rows) {
        if (q.fileName !== null && row.filename !== q.fileName) continue;
        if (needle !== null && !row.filename.toLowerCase().includes(needle)) continue;
        if (files.length === q.pageSize) return { files, next: files[files.length - 1]!.fileId };
        files.push({ fileId: row.file_id, filename: row.filename });
      }
      if (!page.hasMore || page.rows.length === 0) return { files, next: null };
      after = page.rows[page.rows.length - 1]!.file_id;
    }
  }

  /** Characters [offset, offset + maxLength) of the file's parsed text; null when the file is not in the store. */
  async read(storeId: string, fileId: string, offset: number, maxLength: number): Promise<{ content: string; length: number } | null> {
    const window = await this.objects.get(storeId).fileText(fileId, offset, offset + Math.min(maxLength, MAX_READ_CHARS));
    return window && { content: window.text, length: window.length };
  }

  /** Matches of `pattern` from offset `from` (see grep.ts for the windows and bounds, pattern.ts for refused shapes). */
  async grep(storeId: string, fileId: string, pattern: string, from: number, pageSize: number, context: number): Promise<GrepOutcome> {
    const regex = compilePattern(pattern);
    if (!(regex instanceof RegExp)) return regex;
    const object = this.objects.get(storeId);
    if (!(await object.getFile(fileId))) return { kind: "file_not_found" };
    const page = await grepText(
      async (start, end) => {
        const w = await object.fileText(fileId, start, end);
        return { text: w?.text ?? "", length: w?.length ?? 0 };
      },
      regex,
      from,
      pageSize,
      context,
    );
    if (page.kind === "time_limit") return { kind: "time_limit", message: "The grep took too long; narrow the pattern, or resume from a later page_token." };
    return page;
  }
}
