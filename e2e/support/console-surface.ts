import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { PERMISSIONS, type Permission } from "../../lib/auth/policy";

// Enumerates the console's pages, route handlers and server actions from the sources and the build,
// so the authorization matrix covers every one of them, including those added after it was written.

const APP_DIR = path.resolve("app");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Value used for a dynamic segment: any id works, authorization is decided before the id is looked up. */
const SAMPLE_SEGMENT = "authz_probe_0000";

function walk(dir: string, file: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) walk(abs, file, out);
    else if (name === file) out.push(abs);
  }
}

function toUrlPath(relDir: string): string | null {
  const parts: string[] = [];
  for (const seg of relDir.split(path.sep).filter(Boolean)) {
    if (seg.startsWith("_")) return null;
    if (seg.startsWith("(") && seg.endsWith(")")) continue;
    if (seg.startsWith("[[...")) continue;
    parts.push(seg.startsWith("[") ? SAMPLE_SEGMENT : seg);
  }
  return `/${parts.join("/")}`;
}

/** Every page under app/(console), as a URL. */
export function consolePages(): string[] {
  const files: string[] = [];
  walk(path.join(APP_DIR, "(console)"), "page.tsx", files);
  return files
    .map((f) => toUrlPath(path.relative(APP_DIR, path.dirname(f))))
    .filter((p): p is string => p !== null)
    .sort();
}

export interface ApiRoute {
  path: string;
  file: string;
  methods: HttpMethod[];
}

/** Every route handler under app/api with the HTTP methods it exports. */
export function apiRoutes(): ApiRoute[] {
  const files: string[] = [];
  walk(path.join(APP_DIR, "api"), "route.ts", files);
  return files
    .map((file) => {
      const src = readFileSync(file, "utf8");
      const methods = HTTP_METHODS.filter((m) =>
        new RegExp(
          `export\\s+(const\\s+${m}\\b|(async\\s+)?function\\s+${m}\\b|\\{[^}]*\\b${m}\\b[^}]*\\})`,
        ).test(src),
      );
      return {
        path: toUrlPath(path.relative(APP_DIR, path.dirname(file)))!,
        file: path.relative(".", file),
        methods,
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

export interface ServerActionRef {
  id: string;
  filename: string;
  exportedName: string;
}

/** Every server action of the app in the build under test (Clerk's own internal actions excluded). */
export function appServerActions(): ServerActionRef[] {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node?: Record<string, { filename?: string; exportedName?: string }> };
  return Object.entries(manifest.node ?? {})
    .filter(([, e]) => e.filename && !e.filename.startsWith("node_modules/"))
    .map(([id, e]) => ({ id, filename: e.filename!, exportedName: e.exportedName ?? "?" }))
    .sort((a, b) => `${a.filename}#${a.exportedName}`.localeCompare(`${b.filename}#${b.exportedName}`));
}

export type RoutePermission = "read" | "write" | "public";

/**
 * Routes that are deliberately not behind the console session (each with its own authentication).
 * Anything else must be wrapped in authorizedRoute(), or the matrix fails.
 */
export const PUBLIC_ROUTES: Record<string, string> = {
  "/api/health": "liveness probe, no data",
  "/api/webhooks/clerk": "authenticated by the Svix signature, not a session",
  "/api/mcp": "authenticated by a personal access token (Bearer, lib/auth/token-auth), not a session",
  "/api/openapi.json": "public discovery document, no data",
  "/api/v1/users": "REST: personal access token (Bearer, lib/api/rest), not a session",
  "/api/v1/users/count": "REST: personal access token (Bearer, lib/api/rest), not a session",
  "/api/v1/users/authz_probe_0000": "REST: personal access token (Bearer, lib/api/rest), not a session",
  "/api/v1/users/authz_probe_0000/sessions":
    "REST: personal access token (Bearer, lib/api/rest), not a session",
  "/api/v1/invitations": "REST: personal access token (Bearer, lib/api/rest), not a session",
  "/api/v1/actions/authz_probe_0000": "REST: personal access token (Bearer, lib/api/rest), not a session",
  "/api/v1/approvals/authz_probe_0000": "REST: personal access token (Bearer, lib/api/rest), not a session",
};

/** The permission each exported method declares through authorizedRoute("read" | "write", ...). */
export function routePermissions(route: ApiRoute): Map<HttpMethod, RoutePermission | "unwrapped"> {
  const src = readFileSync(route.file, "utf8");
  const out = new Map<HttpMethod, RoutePermission | "unwrapped">();
  for (const m of route.methods) {
    if (route.path in PUBLIC_ROUTES) {
      out.set(m, "public");
      continue;
    }
    const match = new RegExp(
      `export\\s+const\\s+${m}\\s*=\\s*authorizedRoute\\s*(?:<[^(]*>)?\\(\\s*"(read|write)"`,
    ).exec(src);
    out.set(m, (match?.[1] as RoutePermission | undefined) ?? "unwrapped");
  }
  return out;
}

/**
 * The permission (lib/auth/policy) a server action declares with
 * `export const NAME = authorizedAction("<permission>", ...)`. Actions exported through another shape are
 * treated as `write`: they must refuse everyone but an admin.
 */
export function actionPermission(action: ServerActionRef): Permission {
  const src = readFileSync(action.filename, "utf8");
  const match = new RegExp(
    `export\\s+const\\s+${action.exportedName}\\s*=\\s*authorizedAction\\s*\\(\\s*"(\\w+)"`,
  ).exec(src);
  const found = match?.[1];
  return (PERMISSIONS as readonly string[]).includes(found ?? "") ? (found as Permission) : "write";
}
