// rewrite_query: an LLM where configured (Workers AI), otherwise the deterministic keyword rewrite.
import { rewriteQuery } from "./rewrite";

export interface QueryRewriter {
  rewrite(query: string): Promise<string>;
}

export class KeywordRewriter implements QueryRewriter {
  async rewrite(query: string): Promise<string> {
    return rewriteQuery(query);
  }
}

const PROMPT =
  "Rewrite the user's question as a short search query for a document search engine. Keep names, numbers, codes and technical terms exactly. Answer with the query only, no quotes, no explanation.";

export class WorkersAiRewriter implements QueryRewriter {
  constructor(
    private readonly ai: Ai,
    private readonly model: string,
  ) {}

  async rewrite(query: string): Promise<string> {
    const out = (await this.ai.run(this.model as keyof AiModels, {
      messages: [
        { role: "system", content: PROMPT },
        { role: "user", content: query },
      ],
      max_tokens: 64,
    } as never)) as { response?: string };
    const text = (out.response ?? "").trim().replace(/^["']|["']$/g, "");
    // A model that answers nothing useful must not make the search worse than no rewrite.
    return text.length > 0 && text.length <= 512 ? text : rewriteQuery(query);
  }
}
