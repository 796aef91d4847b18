// One filter condition: attribute key, operator (eq…nin), value, and how the value is read (string/number/boolean).
import { COMPARISON_OPS, type ComparisonOp, type ConditionNode, type ValueKind } from "./filter-tree";

const OP_LABELS: Record<ComparisonOp, string> = {
  eq: "eq (equals)",
  ne: "ne (not equal)",
  gt: "gt (greater than)",
  gte: "gte (at least)",
  lt: "lt (less than)",
  lte: "lte (at most)",
  in: "in (one of)",
  nin: "nin (none of)",
};

/** Edits `node`; every input keeps the exact text typed. `keyLabel` names the key field ("Attribute", "Field"). */
export function ConditionEditor({ node, onChange, onRemove, keyLabel = "Attribute" }: { node: ConditionNode; onChange: (next: ConditionNode) => void; onRemove: () => void; keyLabel?: string }) {
  const id = `cond-${node.id}`;
  const list = node.op === "in" || node.op === "nin";
  const ordering = node.op === "gt" || node.op === "gte" || node.op === "lt" || node.op === "lte";
  return (
    <div class="condition" role="group" aria-label={`Condition${node.key ? ` on ${node.key}` : ""}`}>
      <div class="field">
        <label for={`${id}-key`}>{keyLabel}</label>
        <input id={`${id}-key`} value={node.key} onInput={(e) => onChange({ ...node, key: e.currentTarget.value })} autocomplete="off" />
      </div>
      <div class="field">
        <label for={`${id}-op`}>Operator</label>
        <select id={`${id}-op`} value={node.op} onChange={(e) => onChange({ ...node, op: e.currentTarget.value as ComparisonOp })}>
          {COMPARISON_OPS.map((op) => (
            <option key={op} value={op}>
              {OP_LABELS[op]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-value`}>{list ? "Values (comma-separated)" : "Value"}</label>
        <input id={`${id}-value`} value={node.value} inputMode={ordering || node.valueKind === "number" ? "decimal" : undefined} onInput={(e) => onChange({ ...node, value: e.currentTarget.value })} autocomplete="off" />
      </div>
      {ordering ? null : (
        <div class="field">
          <label for={`${id}-kind`}>Type</label>
          <select id={`${id}-kind`} value={node.valueKind} onChange={(e) => onChange({ ...node, valueKind: e.currentTarget.value as ValueKind })}>
            <option value="string">string</option>
            <option value="number">number</option>
            {list ? null : <option value="boolean">boolean</option>}
          </select>
        </div>
      )}
      <button type="button" class="secondary" onClick={onRemove} aria-label={`Remove condition${node.key ? ` on ${node.key}` : ""}`}>
        Remove
      </button>
    </div>
  );
}
