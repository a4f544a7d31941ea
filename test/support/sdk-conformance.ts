import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { parse } from "yaml";
import type { LocalClerkHandle } from "../../local-clerk/src/index";
import { assertConforms, sdk } from "./local-clerk";

const SPEC_PATH = fileURLToPath(new URL("../../local-clerk/openapi/bapi-2026-05-12.yml", import.meta.url));

let templates: { method: string; template: string; segs: string[] }[] | undefined;

function specTemplates() {
  if (templates) return templates;
  const spec = parse(readFileSync(SPEC_PATH, "utf8")) as { paths: Record<string, Record<string, unknown>> };
  templates = Object.entries(spec.paths).flatMap(([template, ops]) =>
    Object.keys(ops).map((m) => ({
      method: m.toUpperCase(),
      template,
      segs: template.split("/").filter(Boolean),
    })),
  );
  return templates;
}

/** The spec template of `METHOD /v1/...` (literal segments beat `{params}`, as in Local Clerk's router). */
export function specTemplateOf(method: string, path: string): string {
  const segs = path.replace(/^\/v1/, "").split("/").filter(Boolean);
  let best: { template: string; score: number } | undefined;
  for (const t of specTemplates()) {
    if (t.method !== method || t.segs.length !== segs.length) continue;
    let score = 0;
    const ok = t.segs.every((s, i) => {
      if (s.startsWith("{")) return true;
      score++;
      return s === decodeURIComponent(segs[i] as string);
    });
    if (ok && (!best || score > best.score)) best = { template: t.template, score };
  }
  if (!best) throw new Error(`no spec operation for ${method} ${path}`);
  return best.template;
}

export interface RecordedCall {
  method: string;
  path: string;
  template: string;
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: raw JSON under test
  json: any;
}

/**
 * The real `@clerk/backend` client whose every Local Clerk response is checked as it arrives:
 * `application/json`, and the raw body against the spec's schema for that operation and status
 * (a `paginated=true` list's `data` against the plain list). `called` holds "METHOD /template".
 */
export function conformingSdk(h: LocalClerkHandle) {
  const calls: RecordedCall[] = [];
  const called = new Set<string>();
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const res = await original(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!url.href.startsWith(h.url) || !url.pathname.startsWith("/v1/")) return res;
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const template = specTemplateOf(method, url.pathname);
    const text = await res.clone().text();
    const json = text ? JSON.parse(text) : undefined;
    expect(res.headers.get("content-type"), `${method} ${url.pathname}`).toBe("application/json");
    const paginated = url.searchParams.get("paginated") === "true" && res.ok && Array.isArray(json?.data);
    assertConforms(paginated ? json.data : json, method, template, res.status);
    calls.push({ method, path: url.pathname + url.search, template, status: res.status, json });
    called.add(`${method} ${template}`);
    return res;
  };
  return {
    clerk: sdk(h),
    calls,
    called,
    /** The raw JSON of the last response. */
    // biome-ignore lint/suspicious/noExplicitAny: raw JSON under test
    last: (): any => calls.at(-1)?.json,
    restore: () => {
      globalThis.fetch = original;
    },
  };
}
