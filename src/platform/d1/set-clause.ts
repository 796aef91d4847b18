// Builds the SET clause of an UPDATE from the fields that are present (undefined = leave the column as it is).

/** Column names come from our own typed field objects, never from clients; values are bound. */
export function setClause(fields: Record<string, string | number | null | undefined>): { sql: string; binds: Array<string | number | null> } {
  const sets: string[] = [];
  const binds: Array<string | number | null> = [];
  for (const [column, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    sets.push(`${column} = ?`);
    binds.push(value);
  }
  return { sql: sets.join(", "), binds };
}
