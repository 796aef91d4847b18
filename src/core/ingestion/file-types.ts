// File types supported for retrieval (OpenAI file_search's list), and how each one is parsed.

/** How a file's bytes become text. `legacy-doc` is supported for retrieval by OpenAI but has no parser here. */
export type DocumentFormat = "text" | "html" | "pdf" | "docx" | "pptx" | "legacy-doc";

interface FileType {
  mimeType: string;
  format: DocumentFormat;
}

// OPENAI-API-NOTES §7, plus .htm and .markdown: spellings of the same text formats, parsed the same way.
const FILE_TYPES: Readonly<Record<string, FileType>> = {
  ".c": { mimeType: "text/x-c", format: "text" },
  ".cpp": { mimeType: "text/x-c++", format: "text" },
  ".cs": { mimeType: "text/x-csharp", format: "text" },
  ".css": { mimeType: "text/css", format: "text" },
  ".doc": { mimeType: "application/msword", format: "legacy-doc" },
  ".docx": { mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", format: "docx" },
  ".go": { mimeType: "text/x-golang", format: "text" },
  ".htm": { mimeType: "text/html", format: "html" },
  ".html": { mimeType: "text/html", format: "html" },
  ".java": { mimeType: "text/x-java", format: "text" },
  ".js": { mimeType: "text/javascript", format: "text" },
  ".json": { mimeType: "application/json", format: "text" },
  ".markdown": { mimeType: "text/markdown", format: "text" },
  ".md": { mimeType: "text/markdown", format: "text" },
  ".pdf": { mimeType: "application/pdf", format: "pdf" },
  ".php": { mimeType: "text/x-php", format: "text" },
  ".pptx": { mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", format: "pptx" },
  ".py": { mimeType: "text/x-python", format: "text" },
  ".rb": { mimeType: "text/x-ruby", format: "text" },
  ".sh": { mimeType: "application/x-sh", format: "text" },
  ".tex": { mimeType: "text/x-tex", format: "text" },
  ".ts": { mimeType: "application/typescript", format: "text" },
  ".txt": { mimeType: "text/plain", format: "text" },
};

/** Lower-case extensions, with the dot, that can be attached to a vector store. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(FILE_TYPES);

/** ".pdf" for "Report.PDF"; "" when the name has no extension (including dotfiles such as ".env"). */
export function extensionOf(filename: string): string {
  const base = filename.slice(Math.max(filename.lastIndexOf("/"), filename.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot).toLowerCase() : "";
}

function lookup(filename: string): FileType | undefined {
  const ext = extensionOf(filename);
  return Object.hasOwn(FILE_TYPES, ext) ? FILE_TYPES[ext] : undefined;
}

export function isSupportedForRetrieval(filename: string): boolean {
  return lookup(filename) !== undefined;
}

export function formatOf(filename: string): DocumentFormat | null {
  return lookup(filename)?.format ?? null;
}

/** The MIME type OpenAI lists for the extension, or null for unsupported names. */
export function mimeTypeOf(filename: string): string | null {
  return lookup(filename)?.mimeType ?? null;
}
