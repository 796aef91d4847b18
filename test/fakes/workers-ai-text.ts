// An in-memory Workers AI binding for the re-ranker and a chat model, enforcing their documented shapes (PLATFORM.md §2).

/** `@cf/baai/bge-reranker-base`: {query, contexts:[{text}], top_k?} → {response:[{id, score}]}. */
const RERANKER = "@cf/baai/bge-reranker-base";

export class FakeTextAi {
  readonly calls: { model: string; inputs: Record<string, unknown> }[] = [];

  constructor(
    /** Relevance the fake re-ranker gives each context text (default: share of query words it contains). */
    private readonly relevance: (query: string, text: string) => number = overlap,
    /** What the fake chat model answers to a rewrite prompt. */
    private readonly chatAnswer: (question: string) => string = (q) => q,
  ) {}

  async run(model: string, inputs: Record<string, unknown>): Promise<unknown> {
    this.calls.push({ model, inputs });
    if (model === RERANKER) {
      const { query, contexts, top_k } = inputs as { query?: unknown; contexts?: unknown; top_k?: unknown };
      if (typeof query !== "string") throw new Error("5006: required property 'query'");
      if (!Array.isArray(contexts) || !contexts.every((c) => c && typeof c === "object" && typeof (c as { text?: unknown }).text === "string"))
        throw new Error("5006: 'contexts' must be an array of {text}");
      const scored = contexts.map((c, id) => ({ id, score: this.relevance(query, (c as { text: string }).text) })).sort((a, b) => b.score - a.score);
      return { response: typeof top_k === "number" ? scored.slice(0, top_k) : scored };
    }
    if (model.startsWith("@cf/meta/llama")) {
      const messages = inputs.messages as Array<{ role: string; content: string }> | undefined;
      const question = messages?.find((m) => m.role === "user")?.content;
      if (!question) throw new Error("5006: required property 'messages'");
      return { response: this.chatAnswer(question) };
    }
    throw new Error(`5007: No such model ${model} or task`);
  }
}

function overlap(query: string, text: string): number {
  const words = query.toLowerCase().match(/\w+/g) ?? [];
  const hay = text.toLowerCase();
  return words.length === 0 ? 0 : words.filter((w) => hay.includes(w)).length / words.length;
}
