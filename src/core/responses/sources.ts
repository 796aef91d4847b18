// How search results are shown to the model: numbered sources it cites as [n] (this turn's searches and replayed ones).
import type { FileSearchResult } from "./items";

/** What the model is told when a search found nothing. */
const NO_PASSAGES = "No matching passages were found.";

/** Each result as "[n] filename (score 0.83)" and its text, numbered from `firstNumber`, separated by blank lines. */
export function numberedSources(results: readonly FileSearchResult[], firstNumber: number): string {
  if (results.length === 0) return NO_PASSAGES;
  return results.map((r, i) => `[${firstNumber + i}] ${r.filename} (score ${r.score.toFixed(2)})\n${r.text}`).join("\n\n");
}
