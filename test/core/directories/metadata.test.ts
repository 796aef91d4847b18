import { describe, expect, it } from "vitest";
import { attributesHash, attributesOf } from "../../../src/core/directories/metadata";

describe("directory metadata → attributes", () => {
  it("keeps scalars, drops nulls and joins string lists", () => {
    expect(attributesOf({ team: "hr", year: 2024, draft: false, owner: null, tags: ["a", "b"] })).toEqual({ team: "hr", year: 2024, draft: false, tags: "a, b" });
    expect(attributesOf({ only: null })).toBeNull();
    expect(attributesOf(null)).toBeNull();
  });

  it("hashes attributes independently of key order", async () => {
    expect(await attributesHash({ a: 1, b: "x" })).toBe(await attributesHash({ b: "x", a: 1 }));
    expect(await attributesHash({ a: 1 })).not.toBe(await attributesHash({ a: "1" }));
    expect(await attributesHash(null)).not.toBe(await attributesHash({}));
  });
});
