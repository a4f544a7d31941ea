import { type JsonObject, optObject, optString } from "../http/body";
import { clerkError, invalidParam } from "../http/errors";
import type { Metadata } from "../state/types";
import { list, page } from "./params";

export interface SignedIds {
  include?: Set<string>;
  exclude?: Set<string>;
}

/** Clerk's `+id` / `-id` lists (`organization_id`, `user_id`): plain or `+` includes, `-` excludes. */
export function signedIds(q: URLSearchParams, key: string, max = 100): SignedIds | undefined {
  // URLSearchParams already turned a literal `+` into a space.
  const values = list(q, key)?.map((v) => v.trim());
  if (!values) return undefined;
  if (values.length > max) {
    throw clerkError(
      422,
      "form_param_array_size_exceeded",
      "exceeds maximum size",
      `${key} should not exceed ${max} items.`,
      { param_name: key },
    );
  }
  const include = new Set<string>();
  const exclude = new Set<string>();
  for (const v of values) {
    if (v.startsWith("-")) exclude.add(v.slice(1));
    else include.add(v.replace(/^\+/, ""));
  }
  return {
    ...(include.size > 0 ? { include } : {}),
    ...(exclude.size > 0 ? { exclude } : {}),
  };
}

/** For bodies the spec closes (`additionalProperties: false`): Clerk names the first unknown key. */
export function rejectUnknown(body: JsonObject, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      throw clerkError(
        422,
        "form_param_unknown",
        "is unknown",
        `${key} is not a valid parameter for this request.`,
        {
          param_name: key,
        },
      );
    }
  }
}

/** An optional RFC 3339 timestamp (`created_at` of organizations), as epoch milliseconds. */
export function optTime(body: JsonObject, key: string): number | undefined {
  const v = optString(body, key);
  if (v === undefined || v === null) return undefined;
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(t)) {
    throw clerkError(
      422,
      "form_param_invalid_time",
      "invalid format",
      `${key} must contain a datetime specified in RFC3339 format (e.g. \`2022-10-20T10:00:27.645Z\`).`,
      { param_name: key },
    );
  }
  return t;
}

/** Metadata objects of a PATCH/PUT metadata body; `null` at the top level counts as absent. */
export function metadataPatch(body: JsonObject): { publicMetadata?: Metadata; privateMetadata?: Metadata } {
  rejectUnknown(body, ["public_metadata", "private_metadata"]);
  return {
    publicMetadata: optObject(body, "public_metadata") ?? undefined,
    privateMetadata: optObject(body, "private_metadata") ?? undefined,
  };
}

/** `{data, total_count}` page of an already filtered and sorted list. */
export function paginate<T, J>(all: T[], q: URLSearchParams, toJson: (x: T) => J) {
  const { limit, offset } = page(q);
  return { data: all.slice(offset, offset + limit).map(toJson), total_count: all.length };
}

export const requireStringParam = (value: unknown, key: string): string => {
  if (typeof value !== "string" || value.length === 0) throw invalidParam(key, `${key} must be a string.`);
  return value;
};
