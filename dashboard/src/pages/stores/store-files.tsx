// A store's files: status badge, last_error, usage, attributes (editable), the chunk inspector link, and detach.
import { Fragment } from "preact";
import { useState } from "preact/hooks";
import type { VectorStoreFile } from "../../api/types";
import { DataTable } from "../../components/data-table";
import { StatusBadge } from "../../components/status-badge";
import { formatBytes } from "../../format";
import { useFocusAfterRender } from "../../hooks/use-focus";
import { href, pathOf } from "../../router";
import { AttributesForm } from "./attributes-form";

/** `names` maps file ids to filenames (files deleted from the project show their id); `emptyText` shows for none. */
export function StoreFiles({ files, names, emptyText, onUpdated, onDetach }: { files: VectorStoreFile[]; names: Map<string, string>; emptyText: string; onUpdated: (f: VectorStoreFile) => void; onDetach: (f: VectorStoreFile, label: string) => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const focusAfterRender = useFocusAfterRender();
  /** Closes the attributes editor and puts focus back on the button that opened it. */
  const closeEditor = (id: string) => {
    setEditing(null);
    focusAfterRender(`attr-${id}-button`);
  };
  if (files.length === 0) return <p>{emptyText}</p>;
  return (
    <DataTable caption="Files in this store" columns={["File", "Status", "Usage", "Attributes", "Actions"]}>
      {files.map((f) => {
        const label = names.get(f.id) ?? f.id;
        return (
          <Fragment key={f.id}>
            <tr>
              <td data-label="File" class="name">
                {label}
                <div>
                  <code class="muted">{f.id}</code>
                </div>
              </td>
              <td data-label="Status">
                <StatusBadge status={f.status} />
                {f.last_error ? (
                  <p class="last-error">
                    <code>{f.last_error.code}</code>: {f.last_error.message}
                  </p>
                ) : null}
              </td>
              <td data-label="Usage">{formatBytes(f.usage_bytes)}</td>
              <td data-label="Attributes">
                {f.attributes && Object.keys(f.attributes).length > 0 ? (
                  <dl class="facts">
                    {Object.entries(f.attributes).map(([k, v]) => (
                      <Fragment key={k}>
                        <dt>{k}</dt>
                        <dd>{JSON.stringify(v)}</dd>
                      </Fragment>
                    ))}
                  </dl>
                ) : (
                  <span class="muted">none</span>
                )}
              </td>
              <td data-label="Actions" class="actions">
                {f.status === "completed" ? (
                  <a class="button secondary" href={href(pathOf("stores", f.vector_store_id, "files", f.id))} aria-label={`Chunks of ${label}`}>
                    Chunks
                  </a>
                ) : null}
                <button type="button" id={`attr-${f.id}-button`} class="secondary" aria-expanded={editing === f.id} aria-label={`Edit attributes of ${label}`} onClick={() => setEditing(editing === f.id ? null : f.id)}>
                  Attributes
                </button>
                <button type="button" class="danger" aria-label={`Detach ${label}`} onClick={() => onDetach(f, label)}>
                  Detach
                </button>
              </td>
            </tr>
            {editing === f.id ? (
              <tr>
                <td colSpan={5}>
                  <AttributesForm
                    file={f}
                    label={label}
                    onCancel={() => closeEditor(f.id)}
                    onSaved={(saved) => {
                      onUpdated(saved);
                      closeEditor(f.id);
                    }}
                  />
                </td>
              </tr>
            ) : null}
          </Fragment>
        );
      })}
    </DataTable>
  );
}
