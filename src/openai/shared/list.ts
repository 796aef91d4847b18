// The spec's list envelope: {object:"list", data, first_id, last_id, has_more}.
import type { Page } from "../../core/pagination";

export function listResponse<T, W extends { id: string }>(page: Page<T>, serialize: (item: T) => W) {
  const data = page.data.map(serialize);
  return {
    object: "list" as const,
    data,
    // The spec types first_id/last_id as required strings, so an empty page carries "" rather than null.
    first_id: data[0]?.id ?? "",
    last_id: data[data.length - 1]?.id ?? "",
    has_more: page.hasMore,
  };
}
