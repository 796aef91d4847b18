// An in-memory Vectorize index that enforces the documented limits (PLATFORM.md §1), for adapter tests.

type Vector = { id: string; values: number[]; namespace?: string; metadata?: Record<string, VectorizeVectorMetadata> };

export class FakeVectorize {
  private committed = new Map<string, Vector>();
  private pending: Array<{ mutationId: string; apply: () => void }> = [];
  private seq = 0;
  lastProcessed: string | null = null;
  lastProcessedAt = 0;
  calls = { upsert: 0, query: 0, deleteByIds: 0 };

  constructor(readonly dimensions: number) {}

  /** Mutations are asynchronous in Vectorize ("typically a few seconds"): nothing is visible until processed. */
  processPending(): void {
    for (const p of this.pending) {
      p.apply();
      this.lastProcessed = p.mutationId;
    }
    this.lastProcessedAt = Date.now();
    this.pending = [];
  }

  async upsert(vectors: Vector[]): Promise<VectorizeAsyncMutation> {
    this.calls.upsert++;
    // "1000 vectors per call (Workers binding)".
    if (vectors.length > 1000) throw new Error("VECTOR_UPSERT_ERROR: too many vectors in one upsert (max 1000)");
    for (const v of vectors) {
      // "vector id: 64 bytes".
      if (new TextEncoder().encode(v.id).length > 64) throw new Error(`VECTOR_UPSERT_ERROR: id ${v.id} is longer than 64 bytes`);
      // "dimensions: float32, fixed per index".
      if (v.values.length !== this.dimensions) throw new Error(`VECTOR_UPSERT_ERROR: ${v.values.length} dimensions, index has ${this.dimensions}`);
      // "namespace name ≤ 64 bytes".
      if (v.namespace && new TextEncoder().encode(v.namespace).length > 64) throw new Error("namespace longer than 64 bytes");
      // "metadata/vector: 10 KiB".
      if (JSON.stringify(v.metadata ?? {}).length > 10 * 1024) throw new Error("metadata over 10 KiB");
    }
    const copy = vectors.map((v) => ({ ...v, values: [...v.values] }));
    const mutationId = `mut-${++this.seq}`;
    this.pending.push({ mutationId, apply: () => copy.forEach((v) => this.committed.set(v.id, v)) });
    return { mutationId };
  }

  async deleteByIds(ids: string[]): Promise<VectorizeAsyncMutation> {
    this.calls.deleteByIds++;
    if (ids.length > 1000) throw new Error("too many ids in one delete (kept ≤ 1000)");
    const mutationId = `mut-${++this.seq}`;
    this.pending.push({ mutationId, apply: () => ids.forEach((id) => this.committed.delete(id)) });
    return { mutationId };
  }

  async query(vector: number[] | Float32Array, options: VectorizeQueryOptions = {}): Promise<VectorizeMatches> {
    this.calls.query++;
    const topK = options.topK ?? 5;
    // "topK: 100 without values/metadata; 20 with returnValues or returnMetadata 'all'".
    const cap = options.returnValues || options.returnMetadata === "all" ? 20 : 100;
    if (topK > cap) throw new Error(`VECTOR_QUERY_ERROR: topK ${topK} exceeds ${cap}`);
    if (options.filter) this.checkFilter(options.filter);
    const q = [...vector];
    const matches = [...this.committed.values()]
      .filter((v) => (options.namespace ? v.namespace === options.namespace : true))
      .filter((v) => this.matches(v, options.filter))
      .map((v) => ({ id: v.id, score: v.values.reduce((s, x, i) => s + x * q[i]!, 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, topK);
    return { matches, count: matches.length };
  }

  async describe(): Promise<VectorizeIndexInfo> {
    // Everything processed so far was written before now.
    return { vectorCount: this.committed.size, dimensions: this.dimensions, processedUpToDatetime: this.lastProcessedAt, processedUpToMutation: 0 };
  }

  /** "No $or; operators $eq $ne $in $nin $lt $lte $gt $gte; filter JSON < 2048 bytes". */
  private checkFilter(filter: VectorizeVectorMetadataFilter): void {
    if (JSON.stringify(filter).length >= 2048) throw new Error("VECTOR_QUERY_ERROR: filter JSON is 2048 bytes or more");
    for (const [key, cond] of Object.entries(filter)) {
      if (key.startsWith("$")) throw new Error(`VECTOR_QUERY_ERROR: unsupported top-level operator ${key} (there is no $or)`);
      if (cond && typeof cond === "object" && !Array.isArray(cond))
        for (const op of Object.keys(cond)) if (!["$eq", "$ne", "$in", "$nin", "$lt", "$lte", "$gt", "$gte"].includes(op)) throw new Error(`unsupported operator ${op}`);
    }
  }

  private matches(v: Vector, filter?: VectorizeVectorMetadataFilter): boolean {
    if (!filter) return true;
    return Object.entries(filter).every(([key, cond]) => {
      const actual = v.metadata?.[key];
      if (cond === null || typeof cond !== "object") return actual === cond;
      const c = cond as Record<string, unknown>;
      if ("$eq" in c && actual !== c.$eq) return false;
      if ("$ne" in c && actual === c.$ne) return false;
      if ("$in" in c && !(c.$in as unknown[]).includes(actual)) return false;
      if ("$nin" in c && (c.$nin as unknown[]).includes(actual)) return false;
      return true;
    });
  }
}
