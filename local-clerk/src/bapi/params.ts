import { invalidParam } from "../http/errors";

export function list(q: URLSearchParams, key: string): string[] | undefined {
  const values = [...q.getAll(key), ...q.getAll(`${key}[]`)]
    .flatMap((v) => v.split(","))
    .filter((v) => v.length > 0);
  return values.length > 0 ? values : undefined;
}

export function str(q: URLSearchParams, key: string): string | undefined {
  const v = q.get(key);
  return v === null || v === "" ? undefined : v;
}

export function int(q: URLSearchParams, key: string, min: number, max: number, fallback: number): number {
  const raw = q.get(key);
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw invalidParam(key, `${key} must be an integer between ${min} and ${max}; got '${raw}'.`);
  }
  return n;
}

export function optNumber(q: URLSearchParams, key: string): number | undefined {
  const raw = q.get(key);
  if (raw === null || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw invalidParam(key, `${key} must be a unix timestamp in milliseconds.`);
  return n;
}

export function bool(q: URLSearchParams, key: string): boolean | undefined {
  const raw = q.get(key);
  if (raw === null || raw === "") return undefined;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw invalidParam(key, `${key} must be true or false.`);
}

export function page(q: URLSearchParams): { limit: number; offset: number } {
  return { limit: int(q, "limit", 1, 500, 10), offset: int(q, "offset", 0, Number.MAX_SAFE_INTEGER, 0) };
}

export function oneOf<T extends string>(
  q: URLSearchParams,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const v = str(q, key);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw invalidParam(key, `${key} must be one of ${allowed.join(", ")}; got '${v}'.`);
  }
  return v as T;
}
