// A labelled progress bar (native <progress>, so assistive tech reads its value).

/** `value` of `max`; `label` names it for screen readers and is shown beside it with the percentage. */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.round((100 * value) / max) : 0;
  return (
    <div class="progress">
      <progress value={value} max={max || 1} aria-label={label} />
      <span class="progress-text">{pct}%</span>
    </div>
  );
}
