import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Static guard: the authorization wrapper cannot be skipped by a new page, route or server action.
// (The e2e matrix checks the same surfaces at runtime, with real sessions.)

const ROOT = path.resolve(import.meta.dirname, "../..");

function files(dir: string, match: (name: string) => boolean, out: string[] = []): string[] {
  const abs = path.join(ROOT, dir);
  for (const name of readdirSync(abs)) {
    const rel = path.join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) continue;
    if (statSync(path.join(ROOT, rel)).isDirectory()) files(rel, match, out);
    else if (match(name)) out.push(rel);
  }
  return out;
}

const read = (rel: string) => readFileSync(path.join(ROOT, rel), "utf8");

/** Route handlers authenticated by something other than the console session, and why. */
const PUBLIC_ROUTES: Record<string, string> = {
  "app/api/health/route.ts": "liveness probe, returns no data",
  "app/api/webhooks/clerk/route.ts": "Svix signature verification",
  "app/api/mcp/route.ts": "personal access token (Bearer), lib/auth/token-auth",
  "app/api/openapi.json/route.ts": "public discovery document, returns no data",
  "app/api/v1/users/route.ts": "personal access token (Bearer), lib/auth/token-auth via lib/discovery/rest",
  "app/api/v1/users/count/route.ts":
    "personal access token (Bearer), lib/auth/token-auth via lib/discovery/rest",
  "app/api/v1/users/[user_id]/route.ts":
    "personal access token (Bearer), lib/auth/token-auth via lib/discovery/rest",
  "app/api/v1/users/[user_id]/sessions/route.ts":
    "personal access token (Bearer), lib/auth/token-auth via lib/discovery/rest",
  "app/api/v1/invitations/route.ts":
    "personal access token (Bearer), lib/auth/token-auth via lib/discovery/rest",
  "app/api/v1/actions/[name]/route.ts":
    "personal access token (Bearer), lib/auth/token-auth via lib/discovery/rest",
  "app/api/v1/approvals/[approval_id]/route.ts":
    "personal access token (Bearer), lib/auth/token-auth via lib/discovery/rest",
};

describe("authorization wrapper coverage", () => {
  const pages = files("app/(console)", (n) => n === "page.tsx");
  it.each(pages)("%s calls requirePageAccess", (file) => {
    expect(read(file)).toMatch(/\brequirePageAccess\(/);
  });

  it("the console layout gates every page before rendering the shell", () => {
    expect(read("app/(console)/layout.tsx")).toMatch(/await requirePageAccess\("read"\)/);
  });

  const routes = files("app/api", (n) => n === "route.ts");
  it.each(routes)(
    "%s wraps every exported method in authorizedRoute (or is an allow-listed public route)",
    (file) => {
      const src = read(file);
      const methods = [
        ...src.matchAll(/export\s+(?:async\s+)?(?:const|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => m[1]);
      expect(methods.length).toBeGreaterThan(0);
      if (file in PUBLIC_ROUTES) return;
      for (const method of methods) {
        expect(src, `${method} in ${file}`).toMatch(
          new RegExp(
            `export\\s+const\\s+${method}\\s*=\\s*authorizedRoute\\s*(?:<[^(]*>)?\\(\\s*"(read|write)"`,
          ),
        );
      }
    },
  );

  const serverActionFiles = [
    ...files("app", (n) => /\.tsx?$/.test(n)),
    ...files("lib", (n) => /\.tsx?$/.test(n)),
  ].filter((f) => /^\s*["']use server["'];?/.test(read(f)));
  it.each(serverActionFiles)("%s builds its actions with authorizedAction", (file) => {
    expect(read(file)).toMatch(/\bauthorizedAction\(\s*"(read|write)"/);
  });

  it("found the surfaces it guards", () => {
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(routes).toContain("app/api/me/route.ts");
    expect(serverActionFiles).toContain("app/(console)/_actions/sessions.ts");
  });
});
