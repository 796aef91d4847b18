// Drag-and-drop (and a keyboard-usable file input) for several files at once, with a progress bar per file.
import { useRef, useState } from "preact/hooks";
import { asApiError, type ApiCallError } from "../../api/errors";
import type { FileObject } from "../../api/types";
import { ErrorNotice } from "../../components/error-notice";
import { ProgressBar } from "../../components/progress-bar";
import { StatusBadge } from "../../components/status-badge";
import { useSession } from "../../session";
import { formatBytes } from "../../format";
import { uploadFile } from "./upload";

interface UploadItem {
  key: number;
  name: string;
  size: number;
  sent: number;
  status: "uploading" | "completed" | "failed";
  error: ApiCallError | null;
}

let nextKey = 0;

/** Uploads every dropped or chosen file in parallel; `onUploaded` runs once per file the API accepted. */
export function UploadZone({ onUploaded, onAnnounce }: { onUploaded: (file: FileObject) => void; onAnnounce: (message: string) => void }) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const update = (key: number, patch: Partial<UploadItem>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const { api } = useSession();

  const start = (files: File[]) => {
    for (const file of files) {
      const key = nextKey++;
      setItems((all) => [{ key, name: file.name, size: file.size, sent: 0, status: "uploading", error: null }, ...all]);
      uploadFile(api, file, (sent) => update(key, { sent })).then(
        (created) => {
          update(key, { status: "completed", sent: file.size });
          onAnnounce(`Uploaded ${file.name}`);
          onUploaded(created);
        },
        (e) => {
          update(key, { status: "failed", error: asApiError(e) });
          onAnnounce(`Upload of ${file.name} failed`);
        },
      );
    }
  };

  return (
    <section aria-labelledby="upload-heading" class="card">
      <h2 id="upload-heading">Upload</h2>
      <div
        class={over ? "dropzone over" : "dropzone"}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          start([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        <p>Drop files here, or</p>
        <label class="button" for="file-input">
          Choose files
        </label>
        <input
          id="file-input"
          ref={input}
          class="visually-hidden"
          type="file"
          multiple
          onChange={(e) => {
            start([...(e.currentTarget.files ?? [])]);
            e.currentTarget.value = "";
          }}
        />
      </div>
      {items.length > 0 ? (
        <ul class="uploads" aria-label="Uploads">
          {items.map((i) => (
            <li key={i.key} class="upload-item">
              <span class="name">{i.name}</span>
              <span class="muted">{formatBytes(i.size)}</span>
              <StatusBadge status={i.status} />
              <ProgressBar value={i.sent} max={i.size} label={`Upload of ${i.name}`} />
              <ErrorNotice error={i.error} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
