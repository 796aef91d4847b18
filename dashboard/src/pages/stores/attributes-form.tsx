// Edit a store file's attributes (POST /v1/vector_stores/{id}/files/{file_id}); typed values stay on error.
import { useState } from "preact/hooks";
import type { VectorStoreFile } from "../../api/types";
import { ErrorNotice } from "../../components/error-notice";
import { KeyValueEditor, objectFrom, rowsFrom, type KeyValueRow } from "../../components/key-value-editor";
import { useFocusFirstField } from "../../hooks/use-focus";
import { useAction } from "../../hooks/use-load";
import { useSession } from "../../session";

/** `onSaved` gets the updated vector store file. */
export function AttributesForm({ file, label, onSaved, onCancel }: { file: VectorStoreFile; label: string; onSaved: (f: VectorStoreFile) => void; onCancel: () => void }) {
  const { api } = useSession();
  const action = useAction();
  const [rows, setRows] = useState<KeyValueRow[]>(rowsFrom(file.attributes));
  const formRef = useFocusFirstField<HTMLFormElement>();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const attributes = objectFrom(rows, true);
      onSaved(await api.post<VectorStoreFile>(`/v1/vector_stores/${encodeURIComponent(file.vector_store_id)}/files/${encodeURIComponent(file.id)}`, { attributes }));
    });
  };
  return (
    <form ref={formRef} onSubmit={submit} aria-label={`Attributes of ${label}`}>
      <KeyValueEditor rows={rows} onChange={setRows} typed idPrefix={`attr-${file.id}`} legend="Attributes" />
      <ErrorNotice error={action.error} />
      <div class="row">
        <button type="submit" disabled={action.busy}>
          {action.busy ? "Saving…" : "Save attributes"}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
