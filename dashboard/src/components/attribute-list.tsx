// Attributes or metadata (key → string, number, boolean, list) as a definition list; keys and values as text.

/** Renders nothing for null or an empty object. */
export function AttributeList({ attributes, label }: { attributes: Record<string, unknown> | null | undefined; label: string }) {
  const entries = Object.entries(attributes ?? {});
  if (entries.length === 0) return null;
  return (
    <dl class="attributes" aria-label={label}>
      {entries.map(([k, v]) => (
        <div key={k} class="attribute">
          <dt>{k}</dt>
          <dd>{typeof v === "string" ? v : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
