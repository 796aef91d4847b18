/// <reference types="vite/client" />
// The dependency arrows point one way: faces → core ← platform. The core names no HTTP error and no adapter.
import { describe, expect, it } from "vitest";

/** Every source file of the core, read as text when the test is bundled (Vite inlines the matches). */
const coreSources = import.meta.glob<string>("../../src/core/**/*.ts", { query: "?raw", import: "default", eager: true });

/** The module specifiers a file imports or re-exports from. */
function specifiersOf(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)\b[^;]*?\sfrom\s+"([^"]+)"/gms)].map((m) => m[1] ?? "");
}

describe("the core's imports", () => {
  it("reads the core's sources", () => {
    expect(Object.keys(coreSources).length).toBeGreaterThan(30);
  });

  it("never import the HTTP layer or a platform adapter", () => {
    const outward = Object.entries(coreSources).flatMap(([path, source]) =>
      specifiersOf(source)
        .filter((specifier) => /(^|\/)(http|platform)\//.test(specifier))
        .map((specifier) => `${path.replace("../../", "")} imports ${specifier}`),
    );
    expect(outward).toEqual([]);
  });
});
