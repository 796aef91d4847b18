// Every authenticated answer names the key's project in `openai-project` (as OpenAI's API does); the dashboard shows it.
import { describe, expect, it } from "vitest";
import { api, KEY_B } from "../helpers";

describe("openai-project header", () => {
  it("names the project of the key on /v1 and /api/v1 answers", async () => {
    expect((await api("GET", "/v1/files?limit=1")).headers.get("openai-project")).toBe("proj_a");
    expect((await api("GET", "/v1/vector_stores", { key: KEY_B })).headers.get("openai-project")).toBe("proj_b");
    expect((await api("GET", "/api/v1/beta/directories")).headers.get("openai-project")).toBe("proj_a");
  });

  it("names the project on an error answer of an authenticated request too", async () => {
    const res = await api("GET", "/v1/files/file-nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("openai-project")).toBe("proj_a");
  });

  it("is absent when the key is wrong", async () => {
    const res = await api("GET", "/v1/files", { key: "sk-wrong" });
    expect(res.status).toBe(401);
    expect(res.headers.get("openai-project")).toBeNull();
  });
});
