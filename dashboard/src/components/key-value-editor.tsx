// Rows of key/value inputs for metadata (strings) and attributes (string, number or boolean values).
import { ApiCallError } from "../api/errors";
import { useFocusAfterRender } from "../hooks/use-focus";
/** One row being edited; `type` only matters for typed (attribute) editors. */
export interface KeyValueRow {
  key: string;
  value: string;
  type: "string" | "number" | "boolean";
}

/** Rows from a stored object (metadata or attributes). */
export function rowsFrom(obj: Record<string, string | number | boolean> | null | undefined): KeyValueRow[] {
  return Object.entries(obj ?? {}).map(([key, v]) => ({ key, value: String(v), type: typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string" }));
}

/**
 * The rows as an object; rows with an empty key are skipped. Throws an ApiCallError (status 0: never sent) naming the
 * row when a number does not parse, so the form shows it like an API error and keeps what was typed.
 */
export function objectFrom(rows: KeyValueRow[], typed: boolean): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const r of rows) {
    const key = r.key.trim();
    if (!key) continue;
    if (!typed || r.type === "string") out[key] = r.value;
    else if (r.type === "boolean") out[key] = r.value === "true";
    else {
      const n = Number(r.value);
      if (r.value.trim() === "" || !Number.isFinite(n)) throw new ApiCallError(`“${key}” is not a number.`, 0, null);
      out[key] = n;
    }
  }
  return out;
}

/** Controlled editor: `rows` in, `onChange` out. `idPrefix` keeps the inputs' ids unique on the page. */
export function KeyValueEditor({ rows, onChange, typed, idPrefix, legend }: { rows: KeyValueRow[]; onChange: (rows: KeyValueRow[]) => void; typed: boolean; idPrefix: string; legend: string }) {
  const focusAfterRender = useFocusAfterRender();
  const set = (i: number, patch: Partial<KeyValueRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset class="kv">
      <legend>{legend}</legend>
      {rows.map((r, i) => (
        <div class="row kv-row" key={i}>
          <label for={`${idPrefix}-k${i}`} class="visually-hidden">{`${legend} key ${i + 1}`}</label>
          <input id={`${idPrefix}-k${i}`} placeholder="key" value={r.key} onInput={(e) => set(i, { key: e.currentTarget.value })} />
          {typed ? (
            <>
              <label for={`${idPrefix}-t${i}`} class="visually-hidden">{`${legend} type ${i + 1}`}</label>
              <select id={`${idPrefix}-t${i}`} value={r.type} onChange={(e) => set(i, { type: e.currentTarget.value as KeyValueRow["type"], value: e.currentTarget.value === "boolean" ? "true" : r.value })}>
                <option value="string">text</option>
                <option value="number">number</option>
                <option value="boolean">boolean</option>
              </select>
            </>
          ) : null}
          <label for={`${idPrefix}-v${i}`} class="visually-hidden">{`${legend} value ${i + 1}`}</label>
          {typed && r.type === "boolean" ? (
            <select id={`${idPrefix}-v${i}`} value={r.value} onChange={(e) => set(i, { value: e.currentTarget.value })}>
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
          ) : (
            <input id={`${idPrefix}-v${i}`} placeholder="value" inputMode={r.type === "number" ? "decimal" : undefined} value={r.value} onInput={(e) => set(i, { value: e.currentTarget.value })} />
          )}
          <button type="button" class="secondary" aria-label={`Remove ${legend} row ${i + 1}`} onClick={() => {
              onChange(rows.filter((_, j) => j !== i));
              focusAfterRender(`${idPrefix}-add`);
            }}>
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        class="secondary"
        id={`${idPrefix}-add`}
        onClick={() => {
          onChange([...rows, { key: "", value: "", type: "string" }]);
          focusAfterRender(`${idPrefix}-k${rows.length}`);
        }}
      >
        Add {legend.toLowerCase()} entry
      </button>
    </fieldset>
  );
}
