import { describe, expect, it } from "vitest";
import { api } from "../helpers";

describe("cross-cutting HTTP behaviour", () => {
  it("answers 401 in the OpenAI envelope without a key or with a wrong one", async () => {
    for (const key of [null, "sk-wrong"]) {
      const res = await api("GET", "/v1/files", { key });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ type: "invalid_request_error", code: "invalid_api_key" });
      expect(Object.keys(res.body.error).sort()).toEqual(["code", "message", "param", "type"]);
    }
  });

  it("answers unknown routes with 404 JSON and sends x-request-id on every response", async () => {
    const res = await api("GET", "/v1/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    expect(res.body.error.message).toContain("/v1/nope");
  });

  it("answers CORS preflights for the SDK's headers", async () => {
    const res = await api("OPTIONS", "/v1/files", {
      key: null,
      headers: { origin: "https://app.example", "access-control-request-method": "POST", "access-control-request-headers": "authorization, x-stainless-os, openai-beta" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toContain("x-stainless-os");
  });
});
