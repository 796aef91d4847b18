// A relevance score in [0, 1] as a bar (a native <meter>, read by assistive tech) and its number.

/** Shelf's scores are absolute: 0.5 is "as likely to answer the query as not" (README "How search ranks"). */
export function ScoreBar({ score, label }: { score: number; label: string }) {
  return (
    <span class="score-bar">
      <meter min={0} max={1} low={0.5} high={0.8} optimum={1} value={score} aria-label={label} />
      <span class="score">{score.toFixed(3)}</span>
    </span>
  );
}
