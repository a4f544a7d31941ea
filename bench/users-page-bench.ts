// The users page against the framework floor, as ratios measured in ONE run on this shared machine:
// one Local Clerk (N seeded users) and one `next start` per variant (a build x a Node binary), visited
// in turn, batch by batch, so machine noise hits every variant alike. Per variant: server CPU per view
// of the users page and of the floor page (/sign-in: same server, proxy and root layout, nothing
// console-specific), their ratio, console overhead (view time minus Local Clerk's BAPI time) p50/p95,
// an in-app navigation replayed with the router-state header Chromium sent, HTML bytes of the 1-row
// and 100-row page, and the JSON route. Prints figures only.
//   npx tsx bench/users-page-bench.ts [--users 100000] [--views 20] [--rounds 4] [--nodes 24,20]
//     [--builds base=.next-ab-0-base,now=/abs/checkout/.next-bench,nogzip=.next-bench?NODE_COMPRESS=off]
//       (A/B: builds, or one build with other env variables, side by side; `?node=20` picks one Node)
//     [--local-proxy on]   (measure with the /__clerk proxy to Local Clerk on, as `npm run demo` runs)
import { parseArgs } from "node:util";
import { startLocalClerk } from "../local-clerk/src/index";
import { captureUsersNavigation, launchChromium } from "./lib/browser";
import {
  adminSessionCookie,
  BENCH_DIST_DIR,
  type ConsoleServer,
  ensureBuild,
  NODE_BINARIES,
  nodeVersion,
  startConsoleServer,
} from "./lib/console-server";
import { type Figure, runAsScript } from "./lib/figures";
import { loadLine, median, pct, round } from "./lib/stats";
import { type Probe, pageWeight, probe } from "./lib/users-page-probe";

/** The mix of views the earlier figures used (20 rows, sorted pages, a search, 100 rows, 1 row). */
export const VIEWS = [
  "/users",
  "/users?size=50&sort=%2Bemail_address&page=7",
  "/users?q=smith&size=20",
  "/users?sort=-last_sign_in_at&size=100&page=3",
  "/users?email=admin%40example.com",
];

interface Variant {
  label: string;
  distDir: string;
  node: string;
  env: Record<string, string>;
  server?: ConsoleServer;
}

interface Tally {
  users: { total: number[]; overhead: number[]; cpu: number; n: number; p50: number[]; p95: number[] };
  floor: { total: number[]; cpu: number; n: number };
  json: number[];
  rsc: { overhead: number[]; cpu: number; n: number; bytes: number[] };
}

const newTally = (): Tally => ({
  users: { total: [], overhead: [], cpu: 0, n: 0, p50: [], p95: [] },
  floor: { total: [], cpu: 0, n: 0 },
  json: [],
  rsc: { overhead: [], cpu: 0, n: 0, bytes: [] },
});

export async function run(
  opts: {
    users?: number;
    views?: number;
    rounds?: number;
    nodes?: string[];
    builds?: string;
    localProxy?: boolean;
  } = {},
): Promise<Figure[]> {
  const users = opts.users ?? 100_000;
  const views = opts.views ?? 20;
  const rounds = opts.rounds ?? 4;
  const basePort = Number(process.env.BENCH_APP_PORT ?? 3191);
  // label=dir[?KEY=VALUE&KEY=VALUE]: the query sets env variables of that variant's server.
  const builds = (opts.builds ?? `now=${BENCH_DIST_DIR}`).split(",").map((b) => {
    const [label = "", spec = ""] = b.split(/=(.*)/s);
    const [dir = "", query = ""] = spec.split("?");
    return { label, dir, env: Object.fromEntries(new URLSearchParams(query)) };
  });
  // `?node=20` runs that variant on one Node only; otherwise every build runs on each of --nodes.
  const variants: Variant[] = builds.flatMap(({ env: { node: only, ...env }, ...b }) =>
    (only ? [only] : (opts.nodes ?? ["24", "20"])).map((n) => {
      const node = NODE_BINARIES[n] ?? n;
      return { label: `${b.label} ${nodeVersion(node)}`, distDir: b.dir, node, env };
    }),
  );
  if (!opts.builds) await ensureBuild();
  const lc = await startLocalClerk({ port: 0, seedUsers: users, quiet: true, tokenTtlSeconds: 3600 });
  const browser = await launchChromium();
  try {
    // Chromium signs in through the Local Clerk proxy, so the navigation is recorded on a server of
    // its own; the measured servers run as a deployment with real Clerk would (no proxy) unless
    // --local-proxy on.
    const capture = await startConsoleServer({
      localClerkPort: lc.port,
      port: basePort + variants.length,
      dataDir: ".data/bench-capture",
      distDir: variants.at(-1)!.distDir,
    });
    const nav = await captureUsersNavigation(browser, capture.url).finally(() => capture.stop());
    await browser.close();
    for (const [i, v] of variants.entries())
      v.server = await startConsoleServer({
        localClerkPort: lc.port,
        port: basePort + i,
        dataDir: `.data/bench-${i}`,
        distDir: v.distDir,
        node: v.node,
        env: { ...(opts.localProxy ? {} : { LOCAL_CLERK_URL: "" }), ...v.env },
      });
    const first = variants[0]!.server!;
    console.log(`in-app navigation headers (Chromium): ${Object.keys(nav.headers).sort().join(", ")}`);
    const cookie = await adminSessionCookie(lc.url, first.url);
    const probes = new Map<Variant, Probe>(
      variants.map((v) => [v, probe({ lc, server: v.server!, cookie, nav })]),
    );
    for (const v of variants) {
      const p = probes.get(v)!;
      for (const path of [...VIEWS, ...VIEWS, "/sign-in", "/sign-in", "/"]) await p.view(path); // warm-up
      for (const path of VIEWS) await p.view(path, "rsc");
    }

    const tallies = new Map<Variant, Tally>(variants.map((v) => [v, newTally()]));
    for (let r = 0; r < rounds; r++) {
      // A different variant goes first each round.
      for (const v of [...variants.slice(r % variants.length), ...variants.slice(0, r % variants.length)]) {
        const p = probes.get(v)!;
        const t = tallies.get(v)!;
        const cpu = () => v.server!.cpuMs();
        let c0 = cpu();
        const round: { total: number[]; overhead: number[] } = { total: [], overhead: [] };
        for (let i = 0; i < views; i++) {
          const s = await p.view(VIEWS[i % VIEWS.length]!);
          round.total.push(s.total);
          round.overhead.push(s.total - s.bapi);
        }
        t.users.cpu += cpu() - c0;
        t.users.n += views;
        t.users.total.push(...round.total);
        t.users.overhead.push(...round.overhead);
        t.users.p50.push(pct(round.overhead, 0.5));
        t.users.p95.push(pct(round.overhead, 0.95));
        c0 = cpu();
        for (let i = 0; i < views; i++) t.floor.total.push((await p.view("/sign-in")).total);
        t.floor.cpu += cpu() - c0;
        t.floor.n += views;
        c0 = cpu();
        for (let i = 0; i < views; i++) {
          const s = await p.view(VIEWS[i % VIEWS.length]!, "rsc");
          t.rsc.overhead.push(s.total - s.bapi);
          t.rsc.bytes.push(s.bytes);
        }
        t.rsc.cpu += cpu() - c0;
        t.rsc.n += views;
        for (let i = 0; i < views / 2; i++) t.json.push((await p.view("/api/health")).total);
      }
    }

    const figures: Figure[] = [];
    const table: string[][] = [];
    // Targets are checked on the first variant of the last build (Node 24 by default).
    const lastDir = builds.at(-1)?.dir;
    const primary = opts.builds ? variants.find((v) => v.distDir === lastDir) : variants[0];
    for (const v of variants) {
      const t = tallies.get(v)!;
      const p = probes.get(v)!;
      const one = await pageWeight(p, "/users?email=admin%40example.com");
      const hundred = await pageWeight(p, "/users?size=100");
      const usersCpu = t.users.cpu / t.users.n;
      const floorCpu = t.floor.cpu / t.floor.n;
      const isPrimary = v === primary;
      const fig = (name: string, value: number, unit: string, target?: number, note?: string) =>
        figures.push({
          bench: "users-page",
          name: `${name} (${v.label})`,
          value: round(value),
          unit,
          ...(target !== undefined && isPrimary ? { target: { op: "<=" as const, value: target } } : {}),
          ...(note ? { note } : {}),
        });
      fig("users page server CPU per view", usersCpu, "ms");
      fig("floor page (/sign-in) server CPU per view", floorCpu, "ms");
      fig("users page CPU / floor page CPU", usersCpu / floorCpu, "x", 1.3);
      fig("users page console overhead p50", median(t.users.p50), "ms", 20);
      fig("users page console overhead p95", median(t.users.p95), "ms");
      fig("floor page (/sign-in) time p50", pct(t.floor.total, 0.5), "ms");
      fig("JSON route (/api/health) time p50", pct(t.json, 0.5), "ms");
      fig("in-app navigation (RSC, router state) overhead p50", pct(t.rsc.overhead, 0.5), "ms");
      fig("in-app navigation (RSC, router state) overhead p95", pct(t.rsc.overhead, 0.95), "ms");
      fig("in-app navigation server CPU per view", t.rsc.cpu / t.rsc.n, "ms");
      fig("in-app navigation RSC bytes p50", pct(t.rsc.bytes, 0.5) / 1024, "kB");
      fig("1-row users page HTML", one.bytes / 1024, "kB", 30, one.note);
      fig("1-row users page HTML gzip", one.gzip / 1024, "kB");
      fig("100-row users page HTML", hundred.bytes / 1024, "kB", undefined, hundred.note);
      fig("100-row users page HTML gzip", hundred.gzip / 1024, "kB");
      fig("/sign-in HTML", (await pageWeight(p, "/sign-in")).bytes / 1024, "kB");
      table.push(figures.filter((f) => f.name.endsWith(`(${v.label})`)).map((f) => `${f.value} ${f.unit}`));
    }
    console.log(
      `users page at ${users.toLocaleString("en-US")} users, ${rounds} rounds x ${views} views per variant, interleaved, Local Clerk proxy ${opts.localProxy ? "on" : "off"}; ${loadLine()}`,
    );
    const names = figures.slice(0, table[0]?.length ?? 0).map((f) => f.name.replace(/ \([^)]*\)$/, ""));
    console.log(`| Figure | ${variants.map((v) => v.label).join(" | ")} |`);
    console.log(`|---|${variants.map(() => "---").join("|")}|`);
    for (const [i, n] of names.entries()) console.log(`| ${n} | ${table.map((col) => col[i]).join(" | ")} |`);
    return figures;
  } finally {
    await browser.close().catch(() => {});
    for (const v of variants) await v.server?.stop();
    await lc.stop();
  }
}

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "100000" },
    views: { type: "string", default: "20" },
    rounds: { type: "string", default: "4" },
    nodes: { type: "string", default: "24,20" },
    builds: { type: "string" },
    "local-proxy": { type: "string", default: "off" },
  },
  strict: false,
});
runAsScript(import.meta.url, () =>
  run({
    users: Number(values.users),
    views: Number(values.views),
    rounds: Number(values.rounds),
    nodes: String(values.nodes).split(","),
    builds: typeof values.builds === "string" ? values.builds : undefined,
    localProxy: values["local-proxy"] === "on",
  }),
);
