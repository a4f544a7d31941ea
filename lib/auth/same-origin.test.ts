import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConsoleAuth } from "./console-auth";
import { checkOrigin, configuredOrigins } from "./same-origin";

const who = vi.hoisted(() => ({ current: null as ConsoleAuth | null, reads: 0 }));
vi.mock("./console-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./console-auth")>()),
  getConsoleAuth: async () => {
    who.reads += 1;
    return who.current;
  },
}));
const { authorizedRoute } = await import("./guards");

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (rel: string) => readFileSync(path.join(ROOT, rel), "utf8");

function routeFiles(dir = "app", out: string[] = []): string[] {
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) routeFiles(rel, out);
    else if (name === "route.ts") out.push(rel);
  }
  return out;
}

/**
 * State-changing handlers that are not cookie-authenticated, so no origin check applies: they must
 * stay callable from other origins, and must never fall back to the console session.
 */
const NOT_COOKIE_AUTHENTICATED: Record<string, string> = {
  "app/api/mcp/route.ts": "personal access token (Bearer), lib/auth/token-auth",
  "app/api/v1/actions/[name]/route.ts": "personal access token (Bearer), lib/api/rest",
  "app/api/webhooks/clerk/route.ts": "Svix signature (CLERK_WEBHOOK_SIGNING_SECRET)",
};

const METHOD = "GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE";

/** `@/…` and relative imports of a source file, resolved to files in the repository. */
function localImports(rel: string): string[] {
  const out: string[] = [];
  for (const m of read(rel).matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
    const spec = m[1] as string;
    const base = spec.startsWith("@/")
      ? spec.slice(2)
      : spec.startsWith(".")
        ? path.join(path.dirname(rel), spec)
        : null;
    if (!base) continue;
    const file = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) =>
      existsSync(path.join(ROOT, f)),
    );
    if (file) out.push(path.normalize(file));
  }
  return out;
}

function importClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...localImports(file));
  }
  return seen;
}

describe("CSRF: every state-changing route handler", () => {
  const routes = routeFiles();

  it.each(routes)(
    "%s: each non-GET handler goes through authorizedRoute or is a listed bearer/webhook route",
    (file) => {
      const src = read(file);
      expect(src, "export handlers as `export const|function METHOD`").not.toMatch(/export\s*\{/);
      const methods = [
        ...src.matchAll(new RegExp(`export\\s+(?:async\\s+)?(?:const|function)\\s+(${METHOD})\\b`, "g")),
      ].map((m) => m[1] as string);
      expect(methods.length).toBeGreaterThan(0);
      for (const method of methods.filter((m) => m !== "GET" && m !== "HEAD" && m !== "OPTIONS")) {
        if (file in NOT_COOKIE_AUTHENTICATED) continue;
        expect(src, `${method} in ${file}`).toMatch(
          new RegExp(`export\\s+const\\s+${method}\\s*=\\s*authorizedRoute\\s*(?:<[^(]*>)?\\(`),
        );
      }
    },
  );

  it.each(Object.keys(NOT_COOKIE_AUTHENTICATED))("%s never reads the console session", (file) => {
    const closure = importClosure(file);
    expect(closure.size).toBeGreaterThan(1);
    expect(
      [...closure].filter((f) => f === "lib/auth/console-auth.ts" || f === "lib/auth/guards.ts"),
    ).toEqual([]);
    for (const f of closure) expect(read(f), f).not.toMatch(/["']@clerk\/nextjs\/server["']/);
  });

  it("the session-revoke route handler is gone (sessions are revoked through the server action)", () => {
    expect(routes.filter((f) => f.startsWith("app/api/sessions/"))).toEqual([]);
    expect(routes).toContain("app/api/jobs/route.ts");
  });
});

const req = (headers: Record<string, string>, method = "POST", url = "http://localhost:3000/api/jobs") =>
  new Request(url, { method, headers });

describe("checkOrigin", () => {
  it("accepts the host the request was addressed to, refuses another port of the same host", () => {
    expect(checkOrigin(req({ host: "localhost:3000", origin: "http://localhost:3000" }), {}).ok).toBe(true);
    expect(checkOrigin(req({ host: "localhost:3000", origin: "http://localhost:3290" }), {})).toEqual({
      ok: false,
      reason: "origin http://localhost:3290",
    });
  });

  it("behind a proxy: X-Forwarded-Host is the host the browser addressed", () => {
    const r = req({
      host: "127.0.0.1:3000",
      "x-forwarded-host": "console.example.com",
      origin: "https://console.example.com",
    });
    expect(checkOrigin(r, {}).ok).toBe(true);
  });

  it("APP_URL is exclusive: the request's own host no longer counts", () => {
    const env = { APP_URL: "https://console.example.com" };
    expect(checkOrigin(req({ host: "127.0.0.1:3000", origin: "https://console.example.com" }), env).ok).toBe(
      true,
    );
    expect(checkOrigin(req({ host: "localhost:3000", origin: "http://localhost:3000" }), env).ok).toBe(false);
  });

  it("Vercel hosts are added to the request's own host", () => {
    const env = { VERCEL_URL: "app-abc.vercel.app", VERCEL_PROJECT_PRODUCTION_URL: "console.example.com" };
    expect(configuredOrigins(env)).toEqual({
      origins: ["https://app-abc.vercel.app", "https://console.example.com"],
      exclusive: false,
    });
    expect(checkOrigin(req({ host: "x.internal", origin: "https://console.example.com" }), env).ok).toBe(
      true,
    );
  });

  it("without Origin, Sec-Fetch-Site decides; with neither it is a non-browser client", () => {
    expect(checkOrigin(req({ host: "localhost:3000", "sec-fetch-site": "same-site" }), {}).ok).toBe(false);
    expect(checkOrigin(req({ host: "localhost:3000", "sec-fetch-site": "cross-site" }), {}).ok).toBe(false);
    expect(checkOrigin(req({ host: "localhost:3000", "sec-fetch-site": "same-origin" }), {}).ok).toBe(true);
    expect(checkOrigin(req({ host: "localhost:3000" }), {}).ok).toBe(true);
  });

  it("an opaque origin (sandboxed frame, data: URL) is refused", () => {
    expect(checkOrigin(req({ host: "localhost:3000", origin: "null" }), {}).ok).toBe(false);
  });
});

describe("authorizedRoute on a state-changing method", () => {
  const admin: ConsoleAuth = {
    userId: "user_admin",
    sessionId: "sess_1",
    email: "admin@example.com",
    role: "admin",
    roleSource: "claims",
  };
  let ran = 0;
  const route = authorizedRoute("write", async () => {
    ran += 1;
    return Response.json({ ok: true });
  });
  const call = (headers: Record<string, string>, method = "POST") =>
    route(
      new Request("http://localhost:3000/api/jobs", {
        method,
        headers,
        body: method === "GET" ? undefined : "{}",
      }),
      {
        params: Promise.resolve({}),
      },
    );

  afterEach(() => {
    who.current = null;
    who.reads = 0;
    ran = 0;
  });

  it("refuses a cross-origin request with 403 cross_origin before reading the session", async () => {
    who.current = admin;
    const res = await call({
      host: "localhost:3000",
      origin: "http://localhost:3290",
      "content-type": "text/plain",
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("cross_origin");
    expect(who.reads).toBe(0);
    expect(ran).toBe(0);
  });

  it("refuses a same-origin body that is not JSON with 415", async () => {
    who.current = admin;
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const res = await call({
        host: "localhost:3000",
        origin: "http://localhost:3000",
        "content-type": type,
      });
      expect(res.status, type).toBe(415);
      expect((await res.json()).error.code).toBe("unsupported_media_type");
    }
    expect(ran).toBe(0);
  });

  it("runs a same-origin JSON request; GET needs neither", async () => {
    who.current = admin;
    const post = await call({
      host: "localhost:3000",
      origin: "http://localhost:3000",
      "content-type": "application/json",
    });
    expect(post.status).toBe(200);
    const get = await call({ host: "localhost:3000", origin: "http://localhost:3290" }, "GET");
    expect(get.status).toBe(200);
    expect(ran).toBe(2);
  });

  it("signed out, same origin: 401 as before", async () => {
    const res = await call({
      host: "localhost:3000",
      origin: "http://localhost:3000",
      "content-type": "application/json",
    });
    expect(res.status).toBe(401);
  });
});
