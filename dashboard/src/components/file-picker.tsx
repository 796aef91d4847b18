// A multiple-choice list of the project's files (a native <select multiple>: keyboard and screen-reader friendly).
import type { FileObject } from "../api/types";
import { fileOptionLabel } from "../format";

/**
 * Controlled: `selected` ids in, `onChange` out. Each option reads "name (file-…)" (long names cut, the full name in
 * its title), and "n selected" below the list says how many are chosen (announced politely).
 */
export function FilePicker({ id, label, files, selected, onChange }: { id: string; label: string; files: FileObject[]; selected: string[]; onChange: (ids: string[]) => void }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} multiple aria-describedby={`${id}-count`} size={Math.min(8, Math.max(3, files.length))} onChange={(e) => onChange([...e.currentTarget.selectedOptions].map((o) => o.value))}>
        {files.map((f) => (
          <option key={f.id} value={f.id} title={f.filename} selected={selected.includes(f.id)}>
            {fileOptionLabel(f)}
          </option>
        ))}
      </select>
      <p id={`${id}-count`} class="hint picker-count" aria-live="polite">
        {selected.length} selected
      </p>
    </div>
  );
}
