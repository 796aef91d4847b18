// A polite aria-live region: status messages ("Deleted report.pdf") that screen readers announce.

/** Shows `message` (or nothing) in a live region that is always in the DOM, so changes are announced. */
export function LiveStatus({ message }: { message: string }) {
  return (
    <p class="live-status" role="status" aria-live="polite">
      {message}
    </p>
  );
}
