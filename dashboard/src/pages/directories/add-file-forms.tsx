// Putting files into a directory: upload a new one (multipart upload_file), or add an uploaded file by its id.
import { useState } from "preact/hooks";
import type { DirectoryFile } from "../../api/search-types";
import type { FileObject, ListPage } from "../../api/types";
import { ErrorNotice } from "../../components/error-notice";
import { fileOptionLabel } from "../../format";
import { useAction, useLoad } from "../../hooks/use-load";
import { useSession } from "../../session";

/** Parses the metadata textarea: empty is none; otherwise a JSON object (strings, numbers, booleans, string lists). */
function parseMetadata(text: string): Record<string, unknown> | undefined {
  if (text.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('Metadata must be a JSON object, e.g. {"team": "hr"}.');
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error('Metadata must be a JSON object, e.g. {"team": "hr"}.');
  return value as Record<string, unknown>;
}

function MetadataField({ id, value, onInput }: { id: string; value: string; onInput: (v: string) => void }) {
  return (
    <div class="field">
      <label for={id}>Metadata (JSON object, optional; becomes filterable attributes)</label>
      <textarea id={id} value={value} spellcheck={false} onInput={(e) => onInput(e.currentTarget.value)} />
    </div>
  );
}

/** Both forms; `onAdded` gets each directory file the API created. Failed calls keep every typed field. */
export function AddFileForms({ directoryId, onAdded }: { directoryId: string; onAdded: (file: DirectoryFile) => void }) {
  const { api } = useSession();
  const base = `/api/v1/beta/directories/${encodeURIComponent(directoryId)}/files`;
  const files = useLoad(() => api.get<ListPage<FileObject>>("/v1/files", { limit: 100, order: "desc" }), [api]);
  const upload = useAction();
  const add = useAction();
  const [chosen, setChosen] = useState<File | null>(null);
  const [uploadMeta, setUploadMeta] = useState("");
  const [fileId, setFileId] = useState("");
  const [addMeta, setAddMeta] = useState("");
  const [inputKey, setInputKey] = useState(0);

  const submitUpload = async (e: Event) => {
    e.preventDefault();
    const file = chosen;
    if (!file) return;
    await upload.run(async () => {
      const metadata = parseMetadata(uploadMeta);
      const form = new FormData();
      form.append("upload_file", file, file.name);
      if (metadata) form.append("metadata", JSON.stringify(metadata));
      onAdded(await api.postForm<DirectoryFile>(`${base}/upload`, form));
      setChosen(null);
      setInputKey((k) => k + 1);
    });
  };
  const submitAdd = async (e: Event) => {
    e.preventDefault();
    await add.run(async () => {
      const metadata = parseMetadata(addMeta);
      onAdded(await api.post<DirectoryFile>(base, { file_id: fileId, ...(metadata ? { metadata } : {}) }));
    });
  };

  return (
    <div class="grid">
      <form class="card" onSubmit={submitUpload}>
        <h2>Upload a file</h2>
        <div class="field">
          <label for="dir-upload">File to upload</label>
          <input key={inputKey} id="dir-upload" type="file" onChange={(e) => setChosen(e.currentTarget.files?.[0] ?? null)} />
        </div>
        <MetadataField id="upload-metadata" value={uploadMeta} onInput={setUploadMeta} />
        <button type="submit" disabled={upload.busy || !chosen}>
          {upload.busy ? "Uploading…" : "Upload to directory"}
        </button>
        <ErrorNotice error={upload.error} onDismiss={upload.clear} />
      </form>
      <form class="card" onSubmit={submitAdd}>
        <h2>Add an uploaded file</h2>
        <ErrorNotice error={files.error} />
        <div class="field">
          <label for="add-file-id">Uploaded file to add</label>
          <select id="add-file-id" value={fileId} onChange={(e) => setFileId(e.currentTarget.value)}>
            <option value="">Choose a file…</option>
            {(files.data?.data ?? []).map((f) => (
              <option key={f.id} value={f.id} title={f.filename}>
                {fileOptionLabel(f)}
              </option>
            ))}
          </select>
        </div>
        <MetadataField id="add-metadata" value={addMeta} onInput={setAddMeta} />
        <button type="submit" disabled={add.busy || fileId === ""}>
          {add.busy ? "Adding…" : "Add to directory"}
        </button>
        <ErrorNotice error={add.error} onDismiss={add.clear} />
      </form>
    </div>
  );
}
