// The "load more" control of a cursor-paged list.

/** Shown only while there is a next page; disabled while it loads. */
export function LoadMore({ hasMore, loading, onMore, label }: { hasMore: boolean; loading: boolean; onMore: () => void; label: string }) {
  if (!hasMore) return null;
  return (
    <button type="button" onClick={onMore} disabled={loading}>
      {loading ? "Loading…" : label}
    </button>
  );
}
