// A multiple-choice list of the project's files (a native <select multiple>: keyboard and screen-reader friendly).
import type { FileObject } from "../api/types";

/** Controlled: `selected` ids in, `onChange` out. */
export function FilePicker({ id, label, files, selected, onChange }: { id: string; label: string; files: FileObject[]; selected: string[]; onChange: (ids: string[]) => void }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} multiple size={Math.min(8, Math.max(3, files.length))} onChange={(e) => onChange([...e.currentTarget.selectedOptions].map((o) => o.value))}>
        {files.map((f) => (
          <option key={f.id} value={f.id} selected={selected.includes(f.id)}>
            {f.filename}
          </option>
        ))}
      </select>
    </div>
  );
}
