// Keyset pagination SQL for catalog lists: ORDER BY (created_at, id) with after/before cursors resolved to rows.
import type { PageRequest } from "../../core/pagination";

export interface Keyset {
  /** Extra WHERE clause (starting with " AND") or "". */
  where: string;
  binds: unknown[];
  orderBy: string;
  /** `before` walks backwards: fetch in the opposite order, then reverse the page. */
  reversed: boolean;
}

/** cursor = the (created_at, id) of the `after`/`before` object, already looked up in the same project. */
export function keyset(req: PageRequest, cursor: { created_at: number | string; id: string } | null): Keyset {
  const useBefore = !req.after && !!req.before;
  const forwardDesc = req.order === "desc";
  // Scan direction: "after" continues in the requested order; "before" scans the other way.
  const scanDesc = useBefore ? !forwardDesc : forwardDesc;
  const orderBy = scanDesc ? "created_at DESC, id DESC" : "created_at ASC, id ASC";
  if (!cursor) return { where: "", binds: [], orderBy, reversed: useBefore };
  const cmp = scanDesc ? "<" : ">";
  return {
    where: ` AND (created_at, id) ${cmp} (?, ?)`,
    binds: [cursor.created_at, cursor.id],
    orderBy,
    reversed: useBefore,
  };
}
