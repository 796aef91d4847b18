// Vector store file objects carry no filename: the page joins them with the project's Files list (id → filename).
import type { ApiClient } from "../../api/client";
import type { FileObject, ListPage } from "../../api/types";

/** Files fetched per request (the /v1/files maximum). */
const FILES_PAGE = 10_000;

/** Every file of the project, newest first (for names and the attach picker). Throws ApiCallError. */
export async function listAllFiles(api: ApiClient): Promise<FileObject[]> {
  const all: FileObject[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await api.get<ListPage<FileObject>>("/v1/files", { limit: FILES_PAGE, order: "desc", after });
    all.push(...page.data);
    if (!page.has_more || !page.last_id) return all;
    after = page.last_id;
  }
}
