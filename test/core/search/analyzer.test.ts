// The one text analyser (index and query time, every script) and language-aware stemming, run inside workerd.
import { describe, expect, it } from "vitest";
import { analyze, fold, readableWords } from "../../../src/core/search/analyzer";
import { detectLanguage, indexTerms, stemFor } from "../../../src/core/search/language";

describe("analyze", () => {
  it("folds case and diacritics and drops punctuation", () => {
    expect(analyze("Naïve CAFÉ-au-lait, IL-6!")).toEqual(["naive", "cafe", "au", "lait", "il", "6"]);
    expect(analyze("Ελλάδα ΟΔΟΣ Straße İstanbul")).toEqual(["ελλαδα", "οδοσ", "strasse", "istanbul"]);
    expect(analyze("ＡＢＣ１２３ ﬁle")).toEqual(["abc123", "file"]);
  });

  it("keeps Russian й and the vowel signs of Indic scripts inside their words", () => {
    expect(analyze("Новый край")).toEqual(["новый", "край"]);
    expect(analyze("ёлка")).toEqual(["елка"]);
    expect(analyze("हिन्दी भाषा")).toEqual(["हिन्दी", "भाषा"]);
  });

  it("cuts Chinese and Japanese into overlapping bigrams, so a word matches inside any sentence", () => {
    expect(analyze("设备清单")).toEqual(["设备", "备清", "清单"]);
    const sentence = analyze("本周我们整理了设备清单并更新了机房的网络拓扑图。");
    for (const t of [...analyze("设备清单"), ...analyze("机房"), ...analyze("拓扑图")]) expect(sentence).toContain(t);
    expect(analyze("東京都の天気予報")).toContain("天気");
    expect(analyze("猫")).toEqual(["猫"]);
  });

  it("cuts Thai into dictionary words with the runtime's segmenter", () => {
    const sentence = analyze("วันนี้ทีมงานได้ปรับปรุงระบบเครือข่ายของสำนักงานใหม่ทั้งหมด");
    // NFKD splits SARA AM (ำ); the analyser re-composes it, or ICU would not know สำนักงาน (office).
    expect(sentence).toContain("สำนักงาน");
    for (const t of analyze("เครือข่าย")) expect(sentence).toContain(t);
  });

  it("keeps a Latin code inside Chinese text findable", () => {
    expect(analyze("重跑gen-itgc后")).toEqual(["重跑", "gen", "itgc", "后"]);
    expect(analyze("版本v2.1发布")).toEqual(["版本", "v2", "1", "发布"]);
  });

  it("is idempotent on its own output", () => {
    const terms = analyze("Le Café de la Gare · 本周设备清单 · ภาษาไทย");
    expect(analyze(terms.join(" "))).toEqual(terms);
  });
});

describe("fold and readableWords", () => {
  it("folds like analyze without cutting", () => {
    expect(fold("Crème Brûlée")).toBe("creme brulee");
  });

  it("cuts a written word where a script without spaces meets another, keeping its spelling", () => {
    expect(readableWords("重跑gen-itgc后")).toEqual(["重", "跑", "gen-itgc", "后"]);
    expect(readableWords("Café")).toEqual(["Café"]);
  });
});

describe("language-aware stemming", () => {
  it("detects English, Russian and Arabic from function words, and nothing from too little", () => {
    expect(detectLanguage(analyze("What is the role of the liver?"))).toBe("en");
    expect(detectLanguage(analyze("Какой процент населения живёт в городах?"))).toBe("ru");
    expect(detectLanguage(analyze("ما هي عاصمة فرنسا؟"))).toBe("ar");
    expect(detectLanguage(analyze("inductive biomaterials"))).toBeNull();
    expect(detectLanguage(analyze("¿Cuál es la capital de Francia?"))).toBeNull();
  });

  it("stems with the detected language's stemmer only", () => {
    expect(["activated", "activating", "activation", "activations"].map((w) => stemFor("en", w))).toEqual(["activ", "activ", "activ", "activ"]);
    expect(stemFor("en", "cells")).toBe("cell");
    expect(stemFor("ru", "книгами")).toBe("книг");
    expect(stemFor("ar", "والكتاب")).toBe("كتاب");
    expect(stemFor(null, "casas")).toBe("casas");
  });

  it("indexes a known language's stems beside its words, and other text as it is", () => {
    expect(indexTerms(analyze("The cells were dividing"))).toEqual(["the", "cells", "were", "dividing", "cell", "divid"]);
    expect(indexTerms(analyze("Las casas son grandes"))).toEqual(["las", "casas", "son", "grandes"]);
  });
});
