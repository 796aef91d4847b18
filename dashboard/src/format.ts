// Display formats: byte sizes (binary units) and Unix-second timestamps in the reader's locale.

/** 1536 → "1.5 KiB". */
export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** Longest file name shown whole in an option label (code points); longer names keep their start and end. */
export const OPTION_NAME_MAX = 60;

/**
 * A file as a picker option: "name (file-…)", so files of the same name differ; a name longer than OPTION_NAME_MAX
 * code points is cut in the middle with "…" (its end, the extension, stays), so a select never grows wider than the
 * window. The full name is the option's title.
 */
export function fileOptionLabel(file: { id: string; filename: string }): string {
  const chars = [...file.filename];
  const name = chars.length <= OPTION_NAME_MAX ? file.filename : `${chars.slice(0, OPTION_NAME_MAX - 16).join("")}…${chars.slice(-15).join("")}`;
  return `${name} (${file.id})`;
}

/** Unix seconds → local date and time; "—" for null. */
export function formatTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  return new Date(seconds * 1000).toLocaleString();
}
