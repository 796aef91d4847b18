// Resolves the file ids of an attach request to this project's files, answering like OpenAI when one cannot be used.
import { badRequest, notFound, wrongIdPrefix } from "../../http/errors";
import { ID_PREFIX } from "../../core/ids";
import { extensionOf, isSupportedForRetrieval } from "../../core/ingestion/file-types";
import type { FileRow } from "../../core/catalog/files";
import type { Services } from "../../services";

/**
 * Every id must be a file of this project with a supported extension. `param` names the field: a single id
 * (`file_id`) or an array (`file_ids`, `files`), whose entries are reported as `param[i]`.
 */
export async function resolveFileIds(s: Services, projectId: string, ids: string[], param: string, single = false): Promise<FileRow[]> {
  ids.forEach((id, i) => {
    const at = single ? param : `${param}[${i}]`;
    if (!id.startsWith(ID_PREFIX.file)) throw wrongIdPrefix(at, id, ID_PREFIX.file);
  });
  const unique = [...new Set(ids)];
  const rows = await s.files.getMany(projectId, unique);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = unique.find((id) => !byId.has(id));
  if (missing) throw notFound("file", missing, param);
  const unsupported = [...new Set(rows.filter((r) => !isSupportedForRetrieval(r.filename)).map((r) => extensionOf(r.filename) || "(none)"))];
  if (unsupported.length > 0)
    throw badRequest(
      `Files with extensions [${unsupported.join(", ")}] are not supported for retrieval. See https://platform.openai.com/docs/assistants/tools/file-search/supported-files`,
      param,
      "unsupported_file",
    );
  return unique.map((id) => byId.get(id)!);
}
