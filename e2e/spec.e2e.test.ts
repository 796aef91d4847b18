// The spec checker itself must be able to fail, or the "every response validates" claim proves nothing.
import { describe, expect, it } from "vitest";
import { assertMatchesSpec, SpecViolation } from "./spec";

describe("assertMatchesSpec", () => {
  it("accepts a valid file object and rejects one with a wrong type or a missing field", () => {
    const file = { id: "file-1", object: "file", bytes: 1, created_at: 1, filename: "a", purpose: "assistants", status: "processed" };
    expect(() => assertMatchesSpec("GET", "/files/file-1", 200, file)).not.toThrow();
    expect(() => assertMatchesSpec("GET", "/files/file-1", 200, { ...file, bytes: "1" })).toThrow(SpecViolation);
    const { status: _status, ...missing } = file;
    expect(() => assertMatchesSpec("GET", "/files/file-1", 200, missing)).toThrow(SpecViolation);
  });

  it("rejects an off-spec status value and an error body without the envelope", () => {
    const vs = { id: "vs_1", object: "vector_store", created_at: 1, name: "n", usage_bytes: 0, file_counts: { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 }, status: "cancelling", last_active_at: null, metadata: null };
    expect(() => assertMatchesSpec("GET", "/vector_stores/vs_1", 200, vs)).toThrow(SpecViolation);
    expect(() => assertMatchesSpec("GET", "/vector_stores/vs_1", 200, { ...vs, status: "completed" })).not.toThrow();
    expect(() => assertMatchesSpec("GET", "/vector_stores/vs_1", 404, { message: "nope" })).toThrow(SpecViolation);
  });
});
