import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { parse } from "yaml";
import type { LocalClerkHandle } from "../../local-clerk/src/index";
import { assertConforms, raw } from "./local-clerk";

const SPEC_PATH = fileURLToPath(new URL("../../local-clerk/openapi/bapi-2026-05-12.yml", import.meta.url));

/** The spec's operations of these tags (plus `extra`), as sorted "METHOD /template" strings. */
export function specOperations(tags: string[], extra: string[] = []): string[] {
  const spec = parse(readFileSync(SPEC_PATH, "utf8")) as {
    paths: Record<string, Record<string, { tags?: string[] }>>;
  };
  const out: string[] = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (op.tags?.some((t) => tags.includes(t))) out.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return [...out, ...extra].sort();
}

/**
 * `call(method, path, template, body?, status = 200)`: raw request with the secret key; asserts the
 * status, `application/json` and the body against the spec's schema for that status, and records
 * the operation in `called`.
 */
export function conformanceCaller(h: LocalClerkHandle) {
  const called = new Set<string>();
  const call = async (
    method: string,
    path: string,
    template: string,
    body?: unknown,
    expected = 200,
    // biome-ignore lint/suspicious/noExplicitAny: raw JSON under test
  ): Promise<any> => {
    const r = await raw(h, method, path, body);
    expect(r.status, `${method} ${path}: ${JSON.stringify(r.json).slice(0, 300)}`).toBe(expected);
    expect(r.contentType).toBe("application/json");
    assertConforms(r.json, method, template, expected);
    called.add(`${method} ${template}`);
    return r.json;
  };
  return { call, called };
}
