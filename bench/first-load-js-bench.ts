// First-load JS per console route of the production build: every /_next/static/**.js the server's
// HTML for that route references (script tags, preloads and the inline RSC payload), fetched from a
// real `next start` as a signed-in admin and gzip-compressed (as served over the wire). Deterministic
// for a given build. Prints figures only.
//   npx tsx bench/first-load-js-bench.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { startLocalClerk } from "../local-clerk/src/index";
import { adminSessionCookie, BENCH_DIST_DIR, ensureBuild, startConsoleServer } from "./lib/console-server";
import { type Figure, runAsScript } from "./lib/figures";
import { round } from "./lib/stats";

/** URL paths of every page in the build (app-paths-manifest), route groups removed. */
export function pageRoutes(distDir = BENCH_DIST_DIR): string[] {
  const manifest = JSON.parse(
    readFileSync(join(distDir, "server", "app-paths-manifest.json"), "utf8"),
  ) as Record<string, string>;
  return Object.keys(manifest)
    .filter((k) => k.endsWith("/page") && !k.startsWith("/_"))
    .map((k) => {
      const segs = k
        .slice(0, -"/page".length)
        .split("/")
        .filter((s) => s && !/^\(.*\)$/.test(s));
      return `/${segs.join("/")}`;
    })
    .sort();
}

const CHUNK = /\/_next\/static\/[^"'\s\\)]+?\.js/g;
// `<script nomodule>` (Next's legacy polyfills) is skipped by every browser that runs ES modules, so it is
// not part of what a current browser loads first.
const NO_MODULE_SCRIPT = /<script\b[^>]*\bnomodule\b[^>]*>/gi;

/** The chunks a module-capable browser loads for this HTML: every chunk it names but the nomodule ones. */
function firstLoadChunks(html: string): string[] {
  const legacy = new Set((html.match(NO_MODULE_SCRIPT) ?? []).flatMap((tag) => tag.match(CHUNK) ?? []));
  return [...new Set(html.match(CHUNK) ?? [])].filter((c) => !legacy.has(c));
}

export async function run(): Promise<Figure[]> {
  await ensureBuild();
  const lc = await startLocalClerk({ port: 0, seedUsers: 50, quiet: true, tokenTtlSeconds: 3600 });
  const app = await startConsoleServer({
    localClerkPort: lc.port,
    port: Number(process.env.BENCH_APP_PORT ?? 3191) + 1,
    dataDir: ".data/bench-js",
  });
  try {
    const cookie = await adminSessionCookie(lc.url, app.url);
    const adminId = lc.state.findUserByEmail("admin@example.com")?.id ?? "";
    const sizes = new Map<string, number>();
    const gz = async (chunk: string) => {
      const known = sizes.get(chunk);
      if (known !== undefined) return known;
      const res = await fetch(`${app.url}${chunk}`);
      if (!res.ok) throw new Error(`${chunk} -> ${res.status}`);
      const size = gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length;
      sizes.set(chunk, size);
      return size;
    };
    const figures: Figure[] = [];
    for (const route of pageRoutes()) {
      let path = route.replace("/[[...sign-in]]", "").replace("/users/[id]", `/users/${adminId}`);
      if (path.includes("[")) {
        console.log(`${route}: skipped (needs a real id)`);
        continue;
      }
      if (path === "") path = "/";
      const res = await fetch(`${app.url}${path}`, {
        headers: { cookie, accept: "text/html", "sec-fetch-dest": "document" },
        redirect: "manual",
      });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`${path} -> ${res.status}`);
      const chunks = firstLoadChunks(html);
      let total = 0;
      for (const c of chunks) total += await gz(c);
      const kb = round(total / 1024, 1);
      console.log(`${route.padEnd(28)} ${String(kb).padStart(7)} kB gzip in ${chunks.length} chunks`);
      figures.push({ bench: "first-load-js", name: `first-load JS ${route}`, value: kb, unit: "kB gzip" });
    }
    return figures;
  } finally {
    await app.stop();
    await lc.stop();
  }
}

runAsScript(import.meta.url, run);
