// Hands a downloaded Blob to the browser as a file (an object URL clicked with `download`), then frees the URL.

/** Saves `blob` under `filename` (the browser may still ask where). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
