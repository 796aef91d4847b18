// Text with the query's terms in <mark> elements, built as text nodes (never innerHTML), so any text stays text.
import { highlightSegments } from "../playground/highlight";

/** `terms` are folded query terms (queryTerms). */
export function HighlightedText({ text, terms }: { text: string; terms: readonly string[] }) {
  return <>{highlightSegments(text, terms).map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}
