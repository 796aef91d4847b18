// The filter builder's model (dashboard/src/playground/filter-tree.ts) → OpenAI's `filters`.
import { describe, expect, it } from "vitest";
import { addChild, newCondition, newGroup, removeNode, toApiFilter, updateNode, type ConditionNode } from "../../dashboard/src/playground/filter-tree";

const cond = (patch: Partial<ConditionNode>): ConditionNode => ({ ...newCondition(), ...patch });

describe("toApiFilter", () => {
  it("is null without conditions, and a root group of one member is that member", () => {
    const root = newGroup("and");
    expect(toApiFilter(root)).toBeNull();
    expect(toApiFilter(addChild(root, root.id, newGroup("or")))).toBeNull();
    expect(toApiFilter(addChild(root, root.id, cond({ key: "team", value: "hr" })))).toEqual({ type: "eq", key: "team", value: "hr" });
  });

  it("builds nested and/or with every operator's value type", () => {
    let root = newGroup("and");
    const inner = newGroup("or");
    root = addChild(root, root.id, cond({ key: "year", op: "gte", value: " 2020 " }));
    root = addChild(root, root.id, inner);
    root = addChild(root, inner.id, cond({ key: "team", op: "in", value: "hr, legal ,", valueKind: "string" }));
    root = addChild(root, inner.id, cond({ key: "level", op: "nin", value: "1,2", valueKind: "number" }));
    root = addChild(root, inner.id, cond({ key: "public", op: "ne", value: "TRUE", valueKind: "boolean" }));
    root = addChild(root, inner.id, cond({ key: "name", op: "eq", value: `“Zürich” "q"`, valueKind: "string" }));
    expect(toApiFilter(root)).toEqual({
      type: "and",
      filters: [
        { type: "gte", key: "year", value: 2020 },
        {
          type: "or",
          filters: [
            { type: "in", key: "team", value: ["hr", "legal"] },
            { type: "nin", key: "level", value: [1, 2] },
            { type: "ne", key: "public", value: true },
            { type: "eq", key: "name", value: `“Zürich” "q"` },
          ],
        },
      ],
    });
  });

  it("throws a sentence for a missing key, a non-number and a boolean list", () => {
    const root = newGroup("and");
    expect(() => toApiFilter(addChild(root, root.id, cond({ key: "", value: "x" })))).toThrow("A condition has no attribute key.");
    expect(() => toApiFilter(addChild(root, root.id, cond({ key: "year", op: "lt", value: "soon" })))).toThrow("“soon” is not a number");
    expect(() => toApiFilter(addChild(root, root.id, cond({ key: "ok", op: "in", value: "true", valueKind: "boolean" })))).toThrow("use 'eq' for a boolean");
  });

  it("updates and removes nodes by id, leaving the others", () => {
    const a = cond({ key: "a", value: "1" });
    const b = cond({ key: "b", value: "2" });
    let root = addChild(addChild(newGroup("and"), 0, a), 0, b);
    root = { ...newGroup("and"), children: [a, b] };
    root = updateNode(root, a.id, (n) => ({ ...n, key: "a2" }) as ConditionNode);
    root = removeNode(root, b.id);
    expect(toApiFilter(root)).toEqual({ type: "eq", key: "a2", value: "1" });
  });
});
