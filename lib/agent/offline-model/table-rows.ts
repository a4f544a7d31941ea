import { isPlainObject } from "@/lib/clerk/metadata";

/**
 * The rows of a list in a tool result (lib/agent/redact.ts `modelView`): an array, or `{same, rows}`
 * with the values every row shares; a row's nested records and lists arrive as dotted cells
 * (`public_metadata.plan`, `email_addresses.1`) and are put back; null cells are missing values.
 */
export function itemsOf(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v.map((row) => rowOf(row));
  if (!isPlainObject(v) || !Array.isArray(v.rows)) return undefined;
  const same = isPlainObject(v.same) ? v.same : {};
  return v.rows.map((row) => (isPlainObject(row) ? rowOf({ ...same, ...row }) : row));
}

function rowOf(row: unknown): unknown {
  if (!isPlainObject(row)) return row;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined) continue;
    const path = key.split(".");
    let at: Record<string, unknown> = out;
    path.forEach((part, i) => {
      const next = path[i + 1];
      if (next === undefined) at[part] = value;
      else {
        if (typeof at[part] !== "object" || at[part] === null) at[part] = /^\d+$/.test(next) ? [] : {};
        at = at[part] as Record<string, unknown>;
      }
    });
  }
  return out;
}
