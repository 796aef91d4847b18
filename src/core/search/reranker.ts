// The optional re-ranking stage (ranker "auto"): Workers AI's bge-reranker-base where configured.

export interface Reranker {
  /** Scores in [0, 1] for each text, in input order. */
  rerank(query: string, texts: string[]): Promise<number[]>;
}

/** `@cf/baai/bge-reranker-base`: {query, contexts:[{text}], top_k} → {response:[{id, score}]} (PLATFORM.md §2). */
export class WorkersAiReranker implements Reranker {
  constructor(
    private readonly ai: Ai,
    private readonly model: string,
  ) {}

  async rerank(query: string, texts: string[]): Promise<number[]> {
    const out = (await this.ai.run(this.model as keyof AiModels, {
      query,
      contexts: texts.map((text) => ({ text })),
      top_k: texts.length,
    } as never)) as { response?: Array<{ id: number; score: number }> };
    const scores = new Array<number>(texts.length).fill(0);
    for (const r of out.response ?? []) if (r.id >= 0 && r.id < texts.length) scores[r.id] = clamp01(r.score);
    return scores;
  }
}

/** The model returns a relevance probability; anything outside [0, 1] is clamped so scores stay on the spec's scale. */
function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
