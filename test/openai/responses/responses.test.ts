// POST /v1/responses with no model configured (the test worker sets no LLM): a clear 400 naming the setting.
import { describe, expect, it } from "vitest";
import { api } from "../../helpers";

describe("POST /v1/responses without a model", () => {
  it("answers 400 naming LLM, and other endpoints keep working", async () => {
    const res = await api("POST", "/v1/responses", { json: { model: "gpt-test", input: "Hi" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("model_not_configured");
    expect(res.body.error.message).toContain("LLM=openai");
    expect((await api("GET", "/v1/vector_stores")).status).toBe(200);
  });

  it("still needs an API key", async () => {
    expect((await api("POST", "/v1/responses", { json: { model: "m", input: "Hi" }, key: null })).status).toBe(401);
  });
});
