// Metadata predicates, evaluated two ways with the same meaning: as SQL over the metadata index, and in
// JS over the users Clerk returns (to re-check index rows, and to search private metadata, which the
// index does not hold).
import { and, type SQL, sql } from "drizzle-orm";
import { isPlainObject } from "@/lib/clerk/metadata";
import type { Db } from "@/lib/db/client";
import { metadataIndex } from "@/lib/db/schema";
import { indexPage } from "./metadata-index";

export const METADATA_OPS = ["eq", "ne", "gt", "gte", "lt", "lte", "contains", "exists"] as const;
export type MetadataOp = (typeof METADATA_OPS)[number];
export type MetadataScalar = string | number | boolean | null;
export type MetadataPredicate = { key: string; op: MetadataOp; value?: MetadataScalar };

const path = (key: string) => key.split(".");

function at(meta: unknown, keys: string[]): unknown {
  let v = meta;
  for (const k of keys) {
    if (Array.isArray(v) && /^\d+$/.test(k)) v = v[Number(k)];
    else if (isPlainObject(v) && Object.hasOwn(v, k)) v = v[k];
    else return undefined;
  }
  return v;
}

function equals(v: unknown, want: MetadataScalar | undefined): boolean {
  if (typeof want === "string") return typeof v === "string" && v.toLowerCase() === want.toLowerCase();
  return v === want;
}

function compare(v: unknown, want: MetadataScalar | undefined): number | undefined {
  if (typeof want === "number" && typeof v === "number") return v - want;
  if (typeof want === "string" && typeof v === "string") return v < want ? -1 : v > want ? 1 : 0;
  return undefined;
}

/** Strings compare case-insensitively for eq/ne/contains; `ne` also matches users without the key. */
export function matchesPredicate(meta: unknown, p: MetadataPredicate): boolean {
  const v = at(meta, path(p.key));
  switch (p.op) {
    case "exists":
      return v !== undefined;
    case "eq":
      return equals(v, p.value);
    case "ne":
      return !equals(v, p.value);
    case "contains":
      if (typeof v === "string" && p.value !== undefined && p.value !== null)
        return v.toLowerCase().includes(String(p.value).toLowerCase());
      return Array.isArray(v) && v.some((item) => item === p.value);
    default: {
      const c = compare(v, p.value);
      if (c === undefined) return false;
      return { gt: c > 0, gte: c >= 0, lt: c < 0, lte: c <= 0 }[p.op];
    }
  }
}

export const matchesAll = (meta: unknown, predicates: readonly MetadataPredicate[]) =>
  predicates.every((p) => matchesPredicate(meta, p));

// CASE, not AND: PostgreSQL does not promise to skip the cast of a non-number when the type test fails.
const numeric = (v: SQL, op: SQL, want: number) =>
  sql`(case when jsonb_typeof(${v}) = 'number' then (${v})::numeric ${op} ${want}::numeric else false end)`;

function equalsSql(v: SQL, want: MetadataScalar | undefined): SQL {
  if (typeof want === "string")
    return sql`(jsonb_typeof(${v}) = 'string' and lower(${v} #>> '{}') = lower(${want}))`;
  if (typeof want === "number") return numeric(v, sql`=`, want);
  return sql`(${v} = ${JSON.stringify(want ?? null)}::jsonb)`;
}

function predicateSql(column: SQL, p: MetadataPredicate): SQL {
  const v = sql`jsonb_extract_path(${column}, ${sql.join(
    path(p.key).map((k) => sql`${k}::text`),
    sql`, `,
  )})`;
  const want = p.value;
  switch (p.op) {
    case "exists":
      return sql`(${v} is not null)`;
    case "eq":
      return equalsSql(v, want);
    case "ne":
      return sql`(not coalesce(${equalsSql(v, want)}, false))`;
    case "contains":
      return sql`((jsonb_typeof(${v}) = 'string' and strpos(lower(${v} #>> '{}'), lower(${String(want)})) > 0) or (jsonb_typeof(${v}) = 'array' and ${v} @> jsonb_build_array(${JSON.stringify(want ?? null)}::jsonb)))`;
    default: {
      const op = sql.raw({ gt: ">", gte: ">=", lt: "<", lte: "<=" }[p.op]);
      if (typeof want === "number") return numeric(v, op, want);
      return sql`(jsonb_typeof(${v}) = 'string' and (${v} #>> '{}') collate "C" ${op} ${String(want)} collate "C")`;
    }
  }
}

function whereOf(predicates: readonly MetadataPredicate[]): SQL | undefined {
  const column = sql`${metadataIndex.publicMetadata}`;
  return and(sql`${metadataIndex.deletedAt} is null`, ...predicates.map((p) => predicateSql(column, p)));
}

/** Ids of indexed users whose public metadata matches, in the index's order (email, then id). */
export async function searchMetadataIndex(
  db: Db,
  predicates: readonly MetadataPredicate[],
  page: { limit: number; offset: number },
): Promise<{ ids: string[]; total: number }> {
  const { rows, total } = await indexPage(db, whereOf(predicates), page);
  return { ids: rows.map((r) => r.userId), total };
}
