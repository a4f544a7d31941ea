import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { registerBapiRoutes } from "./bapi";
import type { LocalClerkContext } from "./context";
import { Router } from "./http/router";
import { State } from "./state/store";

const SPEC_PATH = fileURLToPath(new URL("../openapi/bapi-2026-05-12.yml", import.meta.url));

export interface TagCoverage {
  tag: string;
  implemented: number;
  total: number;
  missing: string[];
}

const segments = (path: string) => path.split("/").filter((s) => s.length > 0);
const isParam = (s: string) => s.startsWith(":") || s.startsWith("{");

function sameShape(routePath: string[], specPath: string[]): boolean {
  if (routePath.length !== specPath.length) return false;
  return routePath.every((s, i) => {
    const t = specPath[i] as string;
    return (isParam(s) && isParam(t)) || s === t;
  });
}

/** The BAPI routes a fresh Local Clerk registers (registration only stores handlers). */
function bapiRoutes(): { method: string; path: string[] }[] {
  const router = new Router();
  registerBapiRoutes(router, { state: new State() } as LocalClerkContext);
  return router
    .list()
    .filter((r) => r.auth && r.pattern.startsWith("/v1/"))
    .map((r) => ({ method: r.method, path: segments(r.pattern.slice(3)) }));
}

/**
 * Implemented/total operations per tag of Clerk's BAPI spec, from the router and the spec (an
 * operation counts once per tag it carries; the router's literal segments beat params, as at runtime).
 */
export function bapiCoverage(specPath = SPEC_PATH): TagCoverage[] {
  const spec = parse(readFileSync(specPath, "utf8")) as {
    paths: Record<string, Record<string, { tags?: string[] }>>;
  };
  const routes = bapiRoutes();
  const byTag = new Map<string, TagCoverage>();
  for (const [path, ops] of Object.entries(spec.paths)) {
    const specSegs = segments(path);
    for (const [method, op] of Object.entries(ops)) {
      if (typeof op !== "object" || !op?.tags) continue;
      const candidates = routes.filter(
        (r) => r.method === method.toUpperCase() && sameShape(r.path, specSegs),
      );
      // A literal spec segment must not be claimed by a route that only has a param there.
      const done = candidates.some((r) =>
        r.path.every((s, i) => isParam(s) === isParam(specSegs[i] as string)),
      );
      for (const tag of op.tags) {
        const t = byTag.get(tag) ?? { tag, implemented: 0, total: 0, missing: [] };
        t.total++;
        if (done) t.implemented++;
        else t.missing.push(`${method.toUpperCase()} ${path}`);
        byTag.set(tag, t);
      }
    }
  }
  return [...byTag.values()].sort(
    (a, b) => b.implemented / b.total - a.implemented / a.total || a.tag.localeCompare(b.tag),
  );
}

export function formatCoverage(rows: TagCoverage[], verbose = false): string {
  const width = Math.max(...rows.map((r) => r.tag.length));
  const lines = rows.map((r) => {
    const head = `${r.tag.padEnd(width)}  ${String(r.implemented).padStart(3)}/${String(r.total).padEnd(3)}`;
    return verbose && r.missing.length > 0 ? `${head}  missing: ${r.missing.join(", ")}` : head.trimEnd();
  });
  const implemented = rows.reduce((n, r) => n + r.implemented, 0);
  const total = rows.reduce((n, r) => n + r.total, 0);
  return [
    "Local Clerk BAPI coverage against Clerk's spec 2026-05-12 (operations per tag; an operation with two tags counts in both)",
    ...lines,
    `${"all tags".padEnd(width)}  ${String(implemented).padStart(3)}/${total}`,
  ].join("\n");
}
