// Keyword rewrite and FTS5 MATCH building: what is kept, what is dropped, and that input cannot inject syntax.
import { describe, expect, it } from "vitest";
import { MAX_FTS_TERMS, buildFtsQuery, ftsQuery, rewriteQuery } from "../../../src/core/search/rewrite";

describe("rewriteQuery", () => {
  it("keeps codes like INV-7731-QX intact and drops filler and punctuation", () => {
    expect(rewriteQuery("What is the status of invoice INV-7731-QX?")).toBe("status invoice INV-7731-QX");
    expect(rewriteQuery("Can you please find the documents about INV-7731-QX")).toBe("INV-7731-QX");
  });

  it("keeps emails, version strings, dates, numbers and C++/C#", () => {
    expect(rewriteQuery("email ops@example.com about v1.2.3 on 2024-01-15, 42 items in C++ and C#")).toBe(
      "email ops@example.com v1.2.3 2024-01-15 42 items C++ C#",
    );
  });

  it("keeps names and acronyms that spell stopwords, but not a capitalised first word", () => {
    expect(rewriteQuery("What did Will say about the US office?")).toBe("Will say US office");
    expect(rewriteQuery("Will it rain")).toBe("rain");
  });

  it("ignores case in an all-caps query and de-duplicates case-insensitively", () => {
    expect(rewriteQuery("WHAT IS THE REFUND POLICY")).toBe("REFUND POLICY");
    expect(rewriteQuery("refund Refund REFUND policy")).toBe("refund policy");
  });

  it("drops possessive 's and keeps non-Latin words", () => {
    expect(rewriteQuery("Ada's notes über Straße 東京")).toBe("Ada notes über Straße 東京");
  });

  it("cuts Chinese and Japanese into words, drops their filler and keeps adjacent words together", () => {
    expect(rewriteQuery("请帮我找设备清单")).toBe("设备清单");
    expect(rewriteQuery("東京都の天気予報")).toBe("東京都 天気予報");
    expect(rewriteQuery("重跑gen-itgc后")).toBe("重跑 gen-itgc 后");
  });

  it("returns the trimmed query when every word would be dropped", () => {
    expect(rewriteQuery("  what is it?  ")).toBe("what is it?");
    expect(rewriteQuery(" ?! ")).toBe("?!");
  });
});

describe("buildFtsQuery", () => {
  it("ORs quoted terms and adds the phrase for a hyphenated code", () => {
    // An English query ("of"): its words are stemmed as English chunks' stems are indexed (porter: status → statu).
    expect(buildFtsQuery("status of INV-7731-QX")).toBe('"statu" OR "inv" OR "7731" OR "qx" OR "inv 7731 qx"');
  });

  it("adds no phrase for word compounds, whose words are already terms", () => {
    expect(buildFtsQuery("long-term T-cell response")).toBe('"long" OR "term" OR "t" OR "cell" OR "response"');
  });

  it("keeps names and acronyms that spell stopwords, as the rewrite does", () => {
    expect(buildFtsQuery("offices in the US")).toBe('"offic" OR "us"');
  });

  it("drops stopwords unless nothing else remains, and de-duplicates", () => {
    expect(buildFtsQuery("the cat and the Cat")).toBe('"cat"');
    expect(buildFtsQuery("to be or not to be")).toBe('"to" OR "be" OR "or" OR "not"');
  });

  it("returns null when the text has no terms", () => {
    expect(buildFtsQuery("")).toBeNull();
    expect(buildFtsQuery("  ?!* () \" : ^ ")).toBeNull();
  });

  it("neutralises FTS5 syntax: quotes, parentheses, NEAR, AND/OR/NOT, *, :, ^, +", () => {
    const out = buildFtsQuery('foo" OR bar* NEAR(a b) col:x ^start AND -y NOT z + "unterminated');
    expect(out).toBe('"foo" OR "or" OR "bar" OR "near" OR "b" OR "col" OR "x" OR "start" OR "and" OR "y" OR "not" OR "z" OR "untermin"');
    // Every term is a complete string literal: quotes balance and nothing sits outside them but OR.
    expect(out?.split(" OR ").every((t) => /^"[^"]*"$/.test(t))).toBe(true);
  });

  it("analyses words of every script as the chunks were: bigrams, folded accents, codes inside Chinese", () => {
    expect(buildFtsQuery("设备清单")).toBe('"设备" OR "备清" OR "清单"');
    expect(buildFtsQuery("请帮我找机房")).toBe('"机房"');
    expect(buildFtsQuery("Café Crème")).toBe('"cafe" OR "creme"');
    expect(buildFtsQuery("重跑gen-itgc后")).toBe('"重跑" OR "gen" OR "itgc" OR "后"');
  });

  it("leaves a query of unknown language unstemmed and offers its stems for a store in a known language", () => {
    expect(ftsQuery("inductive biomaterials")).toEqual({
      phrases: [["inductive"], ["biomaterials"]],
      stemmedFor: { en: [["induct"], ["biomateri"]] },
    });
    expect(ftsQuery("What are inductive biomaterials?")).toEqual({ phrases: [["induct"], ["biomateri"]] });
    expect(ftsQuery("设备清单")).toEqual({ phrases: [["设备"], ["备清"], ["清单"]] });
  });

  it("caps the number of terms", () => {
    const text = Array.from({ length: 200 }, (_, i) => `word${i}x`).join(" ");
    expect(buildFtsQuery(text)?.split(" OR ")).toHaveLength(MAX_FTS_TERMS);
  });
});
