// LlamaCloud's static filter on the directory file a chunk's file was exported from (`parsed_directory_file_id`).
import type { ComparisonType } from "../ports";

/**
 * A comparison on a chunk's directory file id, as LlamaCloud's `static_filters.parsed_directory_file_id`
 * (retrieval.d.ts: "Filter on a string field", value `string | string[]`). `in` / `nin` take a list (one string
 * reads as a list of one); every other operator takes one string; gt/gte/lt/lte compare ids as strings (code units).
 */
export interface DirectoryFileFilter {
  operator: ComparisonType;
  value: string | string[];
}

/** Does a file exported from directory file `id` pass? A file no index exported (id null) passes nothing. */
export function matchesDirectoryFile(filter: DirectoryFileFilter, id: string | null): boolean {
  if (id === null) return false;
  const { operator, value } = filter;
  const list = Array.isArray(value) ? value : [value];
  const one = list[0] ?? "";
  switch (operator) {
    case "eq":
      return id === one;
    case "ne":
      return id !== one;
    case "gt":
      return id > one;
    case "gte":
      return id >= one;
    case "lt":
      return id < one;
    case "lte":
      return id <= one;
    case "in":
      return list.includes(id);
    case "nin":
      return !list.includes(id);
  }
}
