// The filter builder's model: conditions and nested and/or groups, edited immutably, turned into the API's filters.

/** The comparison operators of OpenAI's ComparisonFilter (and LlamaCloud's custom_filters). */
export const COMPARISON_OPS = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin"] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

/** How a condition's typed text is read: attributes are strings, numbers or booleans, and compare strictly. */
export type ValueKind = "string" | "number" | "boolean";

/** One comparison as typed: `value` is the raw text (a comma-separated list for in/nin), so no keystroke is lost. */
export interface ConditionNode {
  kind: "condition";
  id: number;
  key: string;
  op: ComparisonOp;
  value: string;
  valueKind: ValueKind;
}

/** An and/or group of conditions and groups. */
export interface GroupNode {
  kind: "group";
  id: number;
  op: "and" | "or";
  children: FilterNode[];
}

export type FilterNode = ConditionNode | GroupNode;

/** A scalar attribute value, or the list of in/nin. */
export type FilterValue = string | number | boolean | Array<string | number>;

/** OpenAI's ComparisonFilter | CompoundFilter, as sent in `filters`. */
export type ApiFilter = { type: ComparisonOp; key: string; value: FilterValue } | { type: "and" | "or"; filters: ApiFilter[] };

// Ids only need to be unique within a tab, also across reloads of a tree kept in sessionStorage.
let seq = Date.now();
const nextId = () => ++seq;

/** A new, empty condition (`eq`, string). */
export function newCondition(): ConditionNode {
  return { kind: "condition", id: nextId(), key: "", op: "eq", value: "", valueKind: "string" };
}

/** A new, empty group. */
export function newGroup(op: "and" | "or" = "and"): GroupNode {
  return { kind: "group", id: nextId(), op, children: [] };
}

/** `root` with the node of `id` replaced by `fn(node)`. */
export function updateNode(root: GroupNode, id: number, fn: (node: FilterNode) => FilterNode): GroupNode {
  const walk = (node: FilterNode): FilterNode => {
    if (node.id === id) return fn(node);
    return node.kind === "group" ? { ...node, children: node.children.map(walk) } : node;
  };
  return walk(root) as GroupNode;
}

/** `root` without the node of `id` (the root itself cannot be removed). */
export function removeNode(root: GroupNode, id: number): GroupNode {
  const walk = (group: GroupNode): GroupNode => ({
    ...group,
    children: group.children.filter((c) => c.id !== id).map((c) => (c.kind === "group" ? walk(c) : c)),
  });
  return walk(root);
}

/** `root` with `child` appended to the group of `groupId`. */
export function addChild(root: GroupNode, groupId: number, child: FilterNode): GroupNode {
  return updateNode(root, groupId, (g) => (g.kind === "group" ? { ...g, children: [...g.children, child] } : g));
}

const ORDERING: ReadonlySet<ComparisonOp> = new Set(["gt", "gte", "lt", "lte"]);

function parseNumber(text: string, what: string): number {
  const n = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(n)) throw new Error(`${what}: “${text}” is not a number.`);
  return n;
}

/**
 * The value a condition sends: ordering operators take a number; in/nin a list (comma-separated, strings or
 * numbers); eq/ne one value of the chosen kind. Throws an Error naming the key when the text does not fit.
 */
export function conditionValue(c: ConditionNode): FilterValue {
  const what = `The value of “${c.key}”`;
  if (ORDERING.has(c.op)) return parseNumber(c.value, what);
  if (c.op === "in" || c.op === "nin") {
    if (c.valueKind === "boolean") throw new Error(`${what}: '${c.op}' takes strings or numbers; use 'eq' for a boolean.`);
    const items = c.value.split(",").map((s) => s.trim()).filter((s) => s !== "");
    return c.valueKind === "number" ? items.map((s) => parseNumber(s, what)) : items;
  }
  if (c.valueKind === "number") return parseNumber(c.value, what);
  if (c.valueKind === "boolean") {
    const t = c.value.trim().toLowerCase();
    if (t !== "true" && t !== "false") throw new Error(`${what}: a boolean is true or false.`);
    return t === "true";
  }
  return c.value;
}

/** Number of conditions in the tree. */
export function countConditions(node: FilterNode): number {
  return node.kind === "condition" ? 1 : node.children.reduce((n, c) => n + countConditions(c), 0);
}

/**
 * The API's `filters` for the tree: null when it has no condition; empty groups are dropped and a root group of
 * one member is that member. Throws an Error (a sentence for the user) for a condition without key or a bad value.
 */
export function toApiFilter(root: GroupNode): ApiFilter | null {
  const walk = (node: FilterNode): ApiFilter | null => {
    if (node.kind === "condition") {
      if (node.key.trim() === "") throw new Error("A condition has no attribute key.");
      return { type: node.op, key: node.key, value: conditionValue(node) };
    }
    const filters = node.children.map(walk).filter((f): f is ApiFilter => f !== null);
    return filters.length === 0 ? null : { type: node.op, filters };
  };
  const filter = walk(root);
  if (filter && "filters" in filter && filter.filters.length === 1) return filter.filters[0]!;
  return filter;
}
