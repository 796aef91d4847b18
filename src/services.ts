// The composition root: every service a request, queue batch or object needs, built from env in one place.
import { loadConfig, type Config } from "./config";
import { FileContentService } from "./core/files/file-content";
import { FileService } from "./core/files/file-service";
import type { IngestDeps } from "./core/ingestion/pipeline";
import type { Embedder } from "./core/ports";
import { DurableObjectVectorIndex, type VectorIndex, type VectorQueryIndex } from "./core/search/vector-index";
import { VectorizeVectorIndex } from "./platform/vectorize/vectorize-index";
import { AttachmentService } from "./core/vector-stores/attachments";
import { StoreObjects } from "./core/store-object/store-objects";
import { VectorStoreService } from "./core/vector-stores/vector-store-service";
import { HashEmbedder } from "./core/embedding/hash";
import { OpenAIEmbedder } from "./core/embedding/openai";
import { WorkersAiEmbedder } from "./core/embedding/workers-ai";
import { FilesRepo } from "./platform/d1/files-repo";
import { UploadsRepo } from "./platform/d1/uploads-repo";
import { UploadService } from "./core/uploads/upload-service";
import { SearchService } from "./core/search/search-service";
import { KeywordRewriter, WorkersAiRewriter, type QueryRewriter } from "./core/search/query-rewriter";
import { WorkersAiReranker, type Reranker } from "./core/search/reranker";
import { VectorStoresRepo } from "./platform/d1/vector-stores-repo";
import { DirectoriesRepo } from "./platform/d1/directories-repo";
import { DirectoryFilesRepo } from "./platform/d1/directory-files-repo";
import { IndexesRepo } from "./platform/d1/indexes-repo";
import { DirectoryService } from "./core/directories/directory-service";
import { DirectoryFileService } from "./core/directories/directory-file-service";
import type { DirectoryChangeListener } from "./core/directories/directory-changes";
import { IndexService } from "./core/indexes/index-service";
import { RetrievalService } from "./core/indexes/retrieval-service";
import { DocumentService } from "./core/documents/document-service";
import { ScheduledSyncs } from "./core/indexes/scheduled-syncs";
import type { SyncDeps } from "./core/indexes/sync-runner";
import type { ChatModel } from "./core/responses/chat-model";
import { OpenAIChatModel } from "./platform/llm/openai-chat";
import { WorkersAiChatModel, type AiRunner } from "./platform/llm/workers-ai-chat";
import { ResponseStore } from "./core/responses/response-store";
import { ResponsesRepo } from "./platform/d1/responses-repo";
import { ChatService } from "./core/chat/chat-service";
import { ChatSessionsRepo } from "./platform/d1/chat-sessions-repo";

export interface Services {
  config: Config;
  env: Env;
  bucket: R2Bucket;
  files: FileService;
  uploads: UploadService;
  fileContent: FileContentService;
  vectorStores: VectorStoreService;
  attachments: AttachmentService;
  storeObjects: StoreObjects;
  embedder: Embedder;
  vectorIndex: VectorIndex;
  ingestDeps: IngestDeps;
  search: SearchService;
  /** The model behind POST /v1/responses; null when LLM is not set. */
  chatModel: ChatModel | null;
  /** Stored responses of /v1/responses (GET, DELETE, input_items, previous_response_id). */
  responses: ResponseStore;
  repos: { files: FilesRepo; vectorStores: VectorStoresRepo };
  // The LlamaCloud face (buildLlamaCloudServices).
  directories: DirectoryService;
  directoryFiles: DirectoryFileService;
  indexes: IndexService;
  /** Daily (Cron Trigger) and on_source_change syncs. */
  scheduledSyncs: ScheduledSyncs;
  retrieval: RetrievalService;
  /** find / grep / read over an index's files. */
  documents: DocumentService;
  syncDeps: SyncDeps;
  /** LlamaCloud chat sessions (their turns run on chatModel). */
  chat: ChatService;
}

export function buildEmbedder(config: Config, env: Env): Embedder {
  switch (config.EMBEDDER) {
    case "hash":
      return new HashEmbedder(config.embeddingDimensions);
    case "workers-ai":
      return new WorkersAiEmbedder(env.AI!, config.WORKERS_AI_EMBEDDING_MODEL, config.embeddingDimensions);
    case "openai":
      return new OpenAIEmbedder({
        baseURL: config.OPENAI_EMBEDDINGS_BASE_URL!,
        apiKey: config.OPENAI_EMBEDDINGS_API_KEY ?? "",
        model: config.OPENAI_EMBEDDINGS_MODEL,
        dimensions: config.embeddingDimensions,
      });
  }
}

export function buildVectorIndex(config: Config, env: Env, objects: StoreObjects): VectorIndex & Partial<VectorQueryIndex> {
  switch (config.vectorIndex) {
    case "durable-object":
      return new DurableObjectVectorIndex();
    case "vectorize":
      return new VectorizeVectorIndex(env.VECTORIZE!, objects);
  }
}

/** The configured chat model (LLM), or null: then /v1/responses answers 400 naming the setting. */
export function buildChatModel(config: Config, env: Env): ChatModel | null {
  switch (config.LLM) {
    case "openai":
      return new OpenAIChatModel({ baseURL: config.LLM_BASE_URL!, apiKey: config.LLM_API_KEY ?? "", model: config.LLM_MODEL });
    case "workers-ai":
      return new WorkersAiChatModel(env.AI as unknown as AiRunner, config.LLM_MODEL);
    case "none":
      return null;
  }
}

function buildRewriter(config: Config, env: Env): QueryRewriter {
  return config.QUERY_REWRITER === "workers-ai" ? new WorkersAiRewriter(env.AI!, config.REWRITE_MODEL) : new KeywordRewriter();
}

function buildReranker(config: Config, env: Env): Reranker | null {
  return config.RERANKER === "workers-ai" ? new WorkersAiReranker(env.AI!, config.RERANK_MODEL) : null;
}

export function buildServices(env: Env): Services {
  const config = loadConfig(env);
  const repos = { files: new FilesRepo(env.DB), vectorStores: new VectorStoresRepo(env.DB) };
  const storeObjects = new StoreObjects(env.STORE);
  const embedder = buildEmbedder(config, env);
  const vectorIndex = buildVectorIndex(config, env, storeObjects);
  const attachments = new AttachmentService(repos.files, repos.vectorStores, storeObjects, env.INGEST, vectorIndex);
  // Directory changes reach the LlamaCloud face's on_source_change syncs, built after the core below: the file
  // service (a file delete removes its directory entries) is handed a listener that is bound once they exist.
  const directoryChanges: { listener: DirectoryChangeListener } = { listener: async () => {} };
  const files = new FileService(repos.files, repos.vectorStores, env.FILES, attachments, (ids) => directoryChanges.listener(ids));
  const core = {
    config,
    env,
    bucket: env.FILES,
    repos,
    storeObjects,
    files,
    uploads: new UploadService(new UploadsRepo(env.DB), env.FILES),
    fileContent: new FileContentService(env.FILES, storeObjects),
    vectorStores: new VectorStoreService(repos.vectorStores, storeObjects, vectorIndex),
    attachments,
    embedder,
    vectorIndex,
    ingestDeps: { bucket: env.FILES, objects: storeObjects, embedder, vectorIndex, files: repos.files, attachments, maxFileTokens: config.MAX_FILE_TOKENS },
    chatModel: buildChatModel(config, env),
    responses: new ResponseStore(new ResponsesRepo(env.DB), env.FILES),
    search: new SearchService(storeObjects, embedder, buildRewriter(config, env), buildReranker(config, env), vectorIndex.kind === "vectorize" ? (vectorIndex as VectorizeVectorIndex) : null),
  };
  const llamaCloud = buildLlamaCloudServices(env, core);
  directoryChanges.listener = (ids) => llamaCloud.scheduledSyncs.sourceChanged(ids);
  return { ...core, ...llamaCloud };
}

/** Directories, indexes and retrieval: built over the same files, stores, attachments and search as the OpenAI face. */
function buildLlamaCloudServices(
  env: Env,
  core: Pick<Services, "files" | "vectorStores" | "attachments" | "storeObjects" | "search" | "repos">,
): Pick<Services, "directories" | "directoryFiles" | "indexes" | "scheduledSyncs" | "retrieval" | "documents" | "syncDeps" | "chat"> {
  const directories = new DirectoriesRepo(env.DB);
  const directoryFiles = new DirectoryFilesRepo(env.DB);
  const indexes = new IndexesRepo(env.DB);
  const indexService = new IndexService(indexes, directories, core.vectorStores, core.storeObjects, env.INGEST);
  const scheduledSyncs = new ScheduledSyncs(indexService, indexes, env.INGEST);
  return {
    directories: new DirectoryService(directories),
    directoryFiles: new DirectoryFileService(directories, directoryFiles, core.files, (ids) => scheduledSyncs.sourceChanged(ids)),
    indexes: indexService,
    scheduledSyncs,
    retrieval: new RetrievalService(core.search, core.storeObjects),
    documents: new DocumentService(core.storeObjects),
    syncDeps: { indexes, directories, directoryFiles, vectorStores: core.repos.vectorStores, objects: core.storeObjects, attachments: core.attachments },
    chat: new ChatService(new ChatSessionsRepo(env.DB)),
  };
}
