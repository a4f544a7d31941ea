// `npm run check:deploy`: the Vercel path for real. (1) `next build` with production-like env (pk_live/sk_live
// keys of a real-looking instance, DATABASE_URL, approval and webhook secrets) and NO Local Clerk variables
// must pass; (2) no Local Clerk code and none of those secrets are in the output (client bundles: no secret
// at all; server output: no Local Clerk code); (3) `next start` with DATABASE_URL (a fresh PostgreSQL
// database, migrated with `npm run db:migrate` as at deploy) serves a few routes and writes nothing to disk:
// no PGlite folder, nothing new under .data/, no file in the build folder changes. The build and the server
// use the Vercel world of the workflow engine (WORKFLOW_TARGET_WORLD=vercel, what VERCEL selects on
// Vercel): its queue routes are generated, and the engine's webhook route answers 404.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { findMarkers, LOCAL_CLERK_MARKERS, scanDir } from "../campaigns/support/markers";

const DIST = process.env.DEPLOY_CHECK_DIST_DIR || ".next-deploy-check";
const PORT = Number(process.env.DEPLOY_CHECK_PORT ?? 3119);
const PG_ADMIN_URL = process.env.DEPLOY_CHECK_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const DB_NAME = `deploy_check_${process.pid}`;
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

const secrets = {
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${Buffer.from("clerk.console.example.com$").toString("base64").replace(/=+$/, "")}`,
  CLERK_SECRET_KEY: `sk_live_${randomBytes(30).toString("base64url")}`,
  CLERK_WEBHOOK_SIGNING_SECRET: `whsec_${randomBytes(24).toString("base64")}`,
  TOOL_APPROVAL_SECRET: randomBytes(32).toString("base64url"),
};
const dbUrl = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);

function productionEnv(): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(LOCAL_CLERK_|CLERK_|NEXT_PUBLIC_CLERK_|DATABASE_|TOOL_APPROVAL|OPENAI_|AI_MODEL)/.test(k))
      continue;
    env[k] = v;
  }
  return {
    ...env,
    ...secrets,
    DATABASE_URL: dbUrl,
    WORKFLOW_TARGET_WORLD: "vercel",
    NEXT_DIST_DIR: DIST,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
}

/** Every file under `dir` with its mtime (to see what a running server wrote). */
function snapshot(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.set(p, st.mtimeMs);
    }
  };
  walk(dir);
  return out;
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  let server: ChildProcess | undefined;
  try {
    const env = productionEnv();
    console.log(`building into ${DIST} with production env (no LOCAL_CLERK_*, DATABASE_URL set) ...`);
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
    check(build.status === 0, "next build passes with production env and no Local Clerk variables");
    if (build.status !== 0) return;

    const client = scanDir(join(DIST, "static"), LOCAL_CLERK_MARKERS);
    check(
      client.hits.length === 0,
      `no Local Clerk code in ${client.files} client files ${client.hits.slice(0, 3).join(", ")}`,
    );
    const server_ = scanDir(join(DIST, "server"), LOCAL_CLERK_MARKERS, {
      skip: (p) => p.endsWith(".nft.json"),
    });
    check(
      server_.hits.length === 0,
      `no Local Clerk code in ${server_.files} server files ${server_.hits.slice(0, 3).join(", ")}`,
    );
    const secretMarkers = Object.entries(secrets)
      .filter(([k]) => !k.startsWith("NEXT_PUBLIC_"))
      .map(([name, v]) => ({ name, pattern: new RegExp(v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }));
    const leaks = scanDir(join(DIST, "static"), [
      ...secretMarkers,
      { name: "DATABASE_URL", pattern: new RegExp(DB_NAME) },
    ]);
    check(
      leaks.hits.length === 0,
      `no server secret or DATABASE_URL in the client bundles ${leaks.hits.slice(0, 3).join(", ")}`,
    );

    const flowRoute = join(DIST, "server", "app", ".well-known", "workflow", "v1", "flow", "route.js");
    check(existsSync(flowRoute), `the workflow engine's routes are built (${flowRoute})`);

    const migrate = spawnSync("npx", ["tsx", "lib/db/migrate-cli.ts"], { stdio: "inherit", env });
    check(migrate.status === 0, "npm run db:migrate against DATABASE_URL");

    const dataBefore = existsSync(".data") ? readdirSync(".data") : [];
    const pgliteDefaultBefore = existsSync(".data/db");
    const distBefore = snapshot(DIST);
    server = spawn("npx", ["next", "start", "-p", String(PORT)], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let log = "";
    server.stdout?.on("data", (d) => (log += d));
    server.stderr?.on("data", (d) => (log += d));
    const base = `http://127.0.0.1:${PORT}`;
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        await fetch(`${base}/api/health`);
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`next start did not answer:\n${log}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    const probes: [string, RequestInit, (s: number) => boolean][] = [
      ["/api/health", {}, (s) => s < 500],
      ["/sign-in", {}, (s) => s < 500],
      ["/api/v1/users", {}, (s) => s === 401],
      [
        "/api/mcp",
        {
          method: "POST",
          headers: { authorization: `Bearer cac_${"x".repeat(43)}`, "content-type": "application/json" },
          body: "{}",
        },
        (s) => s === 401,
      ],
      ["/api/webhooks/clerk", { method: "POST", body: "{}" }, (s) => s >= 400 && s < 500],
      ["/users", { redirect: "manual" }, (s) => s < 500],
      ["/.well-known/workflow/v1/webhook/anything", { method: "POST", body: "{}" }, (s) => s === 404],
    ];
    for (const [path, init, ok] of probes) {
      const res = await fetch(`${base}${path}`, init);
      await res.text();
      check(ok(res.status), `${init.method ?? "GET"} ${path} -> ${res.status}`);
    }
    const dataAfter = existsSync(".data") ? readdirSync(".data") : [];
    const newData = dataAfter.filter((d) => !dataBefore.includes(d));
    check(
      !pgliteDefaultBefore ? !existsSync(".data/db") : true,
      "no PGlite folder (.data/db) created at runtime",
    );
    // Other processes may add their own .data/<name> folders meanwhile; a PGlite folder has PG_VERSION.
    const pgliteNew = newData.filter((d) => existsSync(join(".data", d, "PG_VERSION")));
    check(pgliteNew.length === 0, `no new PGlite data folder under .data/ ${pgliteNew.join(", ")}`);
    const distAfter = snapshot(DIST);
    const changed = [...distAfter].filter(([p, m]) => distBefore.get(p) !== m).map(([p]) => p);
    check(
      changed.length === 0,
      `no file written in the build folder at runtime ${changed.slice(0, 5).join(", ")}`,
    );
    check(
      findMarkers(log, LOCAL_CLERK_MARKERS).length === 0 && !/PGlite|pglite/.test(log),
      "server log: no Local Clerk, no PGlite",
    );
  } finally {
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 1500));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

main()
  .then(() => {
    if (failures.length > 0) {
      console.error(`check:deploy FAILED (${failures.length}):\n  ${failures.join("\n  ")}`);
      process.exit(1);
    }
    console.log("check:deploy passed");
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
