// Users page server time against a real `next start` production build and Local Clerk with N seeded
// users (default 100,000): time per view measured at the client, minus the time Local Clerk spent
// answering BAPI requests during that view (its request log) = the console's own overhead (auth,
// rendering, RSC/HTML streaming, SDK parsing). Also BAPI requests per view. Prints figures only.
//   npx tsx bench/users-page-bench.ts [--users 100000] [--views 20] [--rounds 3]
import { parseArgs } from "node:util";
import { startLocalClerk } from "../local-clerk/src/index";
import { bapiWallMs, isBapi } from "./lib/bapi-time";
import { adminSessionCookie, ensureBuild, startConsoleServer } from "./lib/console-server";
import { type Figure, runAsScript } from "./lib/figures";
import { loadLine, median, pct, round } from "./lib/stats";

const VIEWS = [
  "/users",
  "/users?size=50&sort=%2Bemail_address&page=7",
  "/users?q=smith&size=20",
  "/users?sort=-last_sign_in_at&size=100&page=3",
  "/users?email=admin%40example.com",
];

export interface UsersPageOptions {
  users?: number;
  views?: number;
  rounds?: number;
  appPort?: number;
}

interface Sample {
  total: number;
  bapi: number;
  requests: number;
  paths: string;
}

export async function run(opts: UsersPageOptions = {}): Promise<Figure[]> {
  const users = opts.users ?? 100_000;
  const viewsPerRound = opts.views ?? 20;
  const rounds = opts.rounds ?? 3;
  const appPort = opts.appPort ?? Number(process.env.BENCH_APP_PORT ?? 3191);
  await ensureBuild();
  const lc = await startLocalClerk({ port: 0, seedUsers: users, quiet: true, tokenTtlSeconds: 3600 });
  const app = await startConsoleServer({ localClerkPort: lc.port, port: appPort, dataDir: ".data/bench" });
  try {
    const cookie = await adminSessionCookie(lc.url, app.url);
    // `rsc`: what an in-app navigation (search, sort, page) fetches instead of a document: the RSC
    // payload without HTML. Without a router-state header Next renders the whole tree, layout included,
    // so this is the upper bound of a soft navigation. `_rsc` is the cache-busting key Next expects.
    const view = async (path: string, rsc = false): Promise<Sample> => {
      const seq = lc.requestLog.list().at(-1)?.seq ?? 0;
      const t0 = performance.now();
      const url = rsc ? `${app.url}${path}${path.includes("?") ? "&" : "?"}_rsc` : `${app.url}${path}`;
      const res = await fetch(url, {
        headers: rsc ? { cookie, rsc: "1" } : { cookie, accept: "text/html", "sec-fetch-dest": "document" },
        redirect: "manual",
      });
      const html = await res.text();
      const total = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${path} -> ${res.status} ${html.slice(0, 200)}`);
      if (
        path.startsWith("/users") &&
        !html.includes(rsc ? '"rows":[{"id":"user_' : 'data-testid="users-table"') &&
        !html.includes("users-empty")
      )
        throw new Error(`${path} rendered no users table`);
      await new Promise((r) => setTimeout(r, 5)); // log entries are written when responses close
      const entries = lc.requestLog.list({ sinceSeq: seq }).filter(isBapi);
      const paths = [...new Set(entries.map((e) => `${e.method} ${e.path.replace(/user_\w+/, ":id")}`))];
      return { total, bapi: bapiWallMs(entries), requests: entries.length, paths: paths.sort().join(" + ") };
    };

    for (const path of [...VIEWS, ...VIEWS, "/", "/"]) await view(path); // warm-up: route code, JWKS, role cache
    const perRound: { total: number[]; bapi: number[]; overhead: number[]; requests: number[] }[] = [];
    const pathSets = new Map<string, number>();
    const cpuPerView: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const cpu0 = app.cpuMs();
      const s = {
        total: [] as number[],
        bapi: [] as number[],
        overhead: [] as number[],
        requests: [] as number[],
      };
      for (let i = 0; i < viewsPerRound; i++) {
        const sample = await view(VIEWS[i % VIEWS.length]!);
        s.total.push(sample.total);
        s.bapi.push(sample.bapi);
        s.overhead.push(sample.total - sample.bapi);
        s.requests.push(sample.requests);
        pathSets.set(sample.paths, (pathSets.get(sample.paths) ?? 0) + 1);
      }
      perRound.push(s);
      cpuPerView.push((app.cpuMs() - cpu0) / viewsPerRound);
    }
    const overview: Sample[] = [];
    for (let i = 0; i < 5; i++) overview.push(await view("/"));
    const rscOverhead: number[] = [];
    for (let i = 0; i < viewsPerRound * 2; i++) {
      const sample = await view(VIEWS[i % VIEWS.length]!, true);
      rscOverhead.push(sample.total - sample.bapi);
    }
    // The framework's floor on this machine: the same server, proxy (clerkMiddleware) and root layout
    // rendering next to nothing (the sign-in page's server render is an empty <SignIn/> mount), and a
    // JSON route handler behind the same proxy. The users page's time above the first is console code.
    const floorPage: number[] = [];
    const floorRoute: number[] = [];
    for (let i = 0; i < viewsPerRound * 2; i++) {
      floorPage.push((await view("/sign-in")).total);
      floorRoute.push((await view("/api/health")).total);
    }

    const med = (f: (s: (typeof perRound)[number]) => number) => round(median(perRound.map(f)));
    const figures: Figure[] = [
      { name: "users page server time p50", value: med((s) => pct(s.total, 0.5)), unit: "ms" },
      { name: "users page BAPI time p50", value: med((s) => pct(s.bapi, 0.5)), unit: "ms" },
      { name: "users page console overhead p50", value: med((s) => pct(s.overhead, 0.5)), unit: "ms" },
      {
        name: "users page console overhead p95",
        value: med((s) => pct(s.overhead, 0.95)),
        unit: "ms",
        target: { op: "<=", value: 20 },
      },
      {
        name: "users page console server CPU per view",
        value: round(median(cpuPerView)),
        unit: "ms",
        note: "user+system CPU of the next start processes / views; less sensitive to machine load than wall time",
      },
      {
        name: "users page BAPI requests per view",
        value: med((s) => median(s.requests)),
        unit: "requests",
        note: [...pathSets].map(([p, n]) => `${p} (${n}x)`).join("; "),
      },
      {
        name: "overview page BAPI requests per view",
        value: median(overview.map((o) => o.requests)),
        unit: "requests",
        note: overview[0]?.paths,
      },
      {
        name: "overview page console overhead p50",
        value: round(median(overview.map((o) => o.total - o.bapi))),
        unit: "ms",
      },
      {
        name: "users page in-app navigation (RSC) overhead p50",
        value: round(pct(rscOverhead, 0.5)),
        unit: "ms",
      },
      {
        name: "users page in-app navigation (RSC) overhead p95",
        value: round(pct(rscOverhead, 0.95)),
        unit: "ms",
      },
      {
        name: "framework floor: near-empty page p50",
        value: round(pct(floorPage, 0.5)),
        unit: "ms",
        note: "/sign-in: same next start, proxy and root layout, nothing console-specific rendered",
      },
      { name: "framework floor: near-empty page p95", value: round(pct(floorPage, 0.95)), unit: "ms" },
      {
        name: "framework floor: JSON route p50",
        value: round(pct(floorRoute, 0.5)),
        unit: "ms",
        note: "/api/health",
      },
    ].map((f) => ({ bench: "users-page", ...f }) as Figure);
    console.log(
      `users page at ${users.toLocaleString("en-US")} users, next start (${process.env.BENCH_DIST_DIR || ".next-bench"}), ${rounds} rounds x ${viewsPerRound} views, median of rounds; ${loadLine()}`,
    );
    for (const f of figures) console.log(`  ${f.name}: ${f.value} ${f.unit}${f.note ? `  [${f.note}]` : ""}`);
    return figures;
  } finally {
    await app.stop();
    await lc.stop();
  }
}

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "100000" },
    views: { type: "string", default: "20" },
    rounds: { type: "string", default: "3" },
  },
  strict: false,
});
runAsScript(import.meta.url, () =>
  run({ users: Number(values.users), views: Number(values.views), rounds: Number(values.rounds) }),
);
