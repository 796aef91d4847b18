// The search filter builder: conditions (eq…nin) inside nested "all of" (and) / "any of" (or) groups.
import { ConditionEditor } from "../../playground/condition-editor";
import { addChild, newCondition, newGroup, removeNode, updateNode, type FilterNode, type GroupNode } from "../../playground/filter-tree";

interface GroupProps {
  group: GroupNode;
  root: GroupNode;
  depth: number;
  onChange: (root: GroupNode) => void;
}

function GroupEditor({ group, root, depth, onChange }: GroupProps) {
  const id = `group-${group.id}`;
  const replace = (node: FilterNode) => onChange(updateNode(root, node.id, () => node));
  return (
    <fieldset class={`filter-group depth-${Math.min(depth, 3)}`}>
      <legend>{depth === 0 ? "Filters" : "Group"}</legend>
      <div class="row">
        <label for={`${id}-op`}>Files must match</label>
        <select id={`${id}-op`} value={group.op} onChange={(e) => replace({ ...group, op: e.currentTarget.value === "or" ? "or" : "and" })}>
          <option value="and">all of (and)</option>
          <option value="or">any of (or)</option>
        </select>
      </div>
      {group.children.length === 0 ? <p class="hint">{depth === 0 ? "No filter: every file is searched." : "An empty group is left out."}</p> : null}
      {group.children.map((child) =>
        child.kind === "condition" ? (
          <ConditionEditor key={child.id} node={child} onChange={replace} onRemove={() => onChange(removeNode(root, child.id))} />
        ) : (
          <GroupEditor key={child.id} group={child} root={root} depth={depth + 1} onChange={onChange} />
        ),
      )}
      <div class="row">
        <button type="button" class="secondary" onClick={() => onChange(addChild(root, group.id, newCondition()))}>
          Add condition
        </button>
        <button type="button" class="secondary" onClick={() => onChange(addChild(root, group.id, newGroup(group.op === "and" ? "or" : "and")))}>
          Add group
        </button>
        {depth > 0 ? (
          <button type="button" class="danger" onClick={() => onChange(removeNode(root, group.id))}>
            Remove group
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

/** Edits the whole filter tree; `onChange` gets the new root. */
export function FilterBuilder({ root, onChange }: { root: GroupNode; onChange: (root: GroupNode) => void }) {
  return <GroupEditor group={root} root={root} depth={0} onChange={onChange} />;
}
