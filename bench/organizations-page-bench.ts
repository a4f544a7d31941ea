// The organization pages at scale: one Local Clerk seeded with N users (100,000 users seed about 2,000
// organizations, local-clerk/src/seed-organizations.ts) and one `next start` of the production build.
// Per page (/organizations and /organizations/[id]): the view's time at the client split into Local
// Clerk's BAPI wall time and the console's own time, the server's CPU per view, and the BAPI requests
// one view makes (which endpoints, how many). Prints figures only; no targets.
//   npx tsx bench/organizations-page-bench.ts [--users 100000] [--views 20] [--rounds 3]
import { parseArgs } from "node:util";
import { startLocalClerk } from "../local-clerk/src/index";
import { adminSessionCookie, ensureBuild, startConsoleServer } from "./lib/console-server";
import { type Figure, runAsScript } from "./lib/figures";
import { loadLine, median, pct, round } from "./lib/stats";
import { probe } from "./lib/users-page-probe";

interface Sample {
  total: number;
  bapi: number;
  requests: number;
  endpoints: string[];
}

const LIST_VIEWS = [
  "/organizations",
  "/organizations?sort=-members_count",
  "/organizations?sort=-created_at&page=50",
  "/organizations?q=Summit",
  "/organizations?sort=%2Bname&page=100",
];

/** `/v1/organizations/org_x/memberships` -> `/v1/organizations/:id/memberships`. */
const endpoint = (method: string, path: string) =>
  `${method} ${path.split("?")[0]?.replace(/\/(?:org|user|orginv|role)_[A-Za-z0-9]+/g, "/:id")}`;

function tally(list: string, samples: Sample[], cpuPerView: number, users: number, orgs: number): Figure[] {
  const overhead = samples.map((s) => s.total - s.bapi);
  const requests = samples.map((s) => s.requests);
  const note = `${users.toLocaleString("en-US")} users, ${orgs.toLocaleString("en-US")} organizations`;
  const fig = (name: string, value: number, unit: string): Figure => ({
    bench: "organizations-page",
    name: `${list} ${name}`,
    value: round(value),
    unit,
    note,
  });
  return [
    fig(
      "view time p50",
      pct(
        samples.map((s) => s.total),
        0.5,
      ),
      "ms",
    ),
    fig(
      "view time p95",
      pct(
        samples.map((s) => s.total),
        0.95,
      ),
      "ms",
    ),
    fig(
      "BAPI wall time p50",
      pct(
        samples.map((s) => s.bapi),
        0.5,
      ),
      "ms",
    ),
    fig("console time (view minus BAPI) p50", pct(overhead, 0.5), "ms"),
    fig("console time (view minus BAPI) p95", pct(overhead, 0.95), "ms"),
    fig("server CPU per view", cpuPerView, "ms"),
    fig("BAPI requests per view (median)", median(requests), "requests"),
    fig("BAPI requests per view (max)", Math.max(...requests), "requests"),
  ];
}

export async function run(opts: { users?: number; views?: number; rounds?: number } = {}): Promise<Figure[]> {
  const users = opts.users ?? 100_000;
  const views = opts.views ?? 20;
  const rounds = opts.rounds ?? 3;
  await ensureBuild();
  const lc = await startLocalClerk({ port: 0, seedUsers: users, quiet: true, tokenTtlSeconds: 3600 });
  const server = await startConsoleServer({
    localClerkPort: lc.port,
    port: Number(process.env.BENCH_APP_PORT ?? 3191),
    dataDir: ".data/bench-organizations",
    // Measured as a deployment with real Clerk runs: no /__clerk proxy in front of Local Clerk.
    env: { LOCAL_CLERK_URL: "" },
  });
  try {
    const d = lc.state.organizations;
    const orgs = [...d.orgs.all()].sort((a, b) => d.memberships.count(b.id) - d.memberships.count(a.id));
    const pick = [orgs[0], orgs[Math.floor(orgs.length / 2)], orgs.at(-1)].filter((o) => o !== undefined);
    const detailViews = pick.map((o) => `/organizations/${o.id}`);
    console.log(
      `organizations: ${orgs.length}; detail pages of the largest (${d.memberships.count(pick[0]?.id ?? "")} members), a median and the smallest`,
    );
    const cookie = await adminSessionCookie(lc.url, server.url);
    const p = probe({
      lc,
      server,
      cookie,
      expect: (path, body) =>
        body.includes(
          path.startsWith("/organizations/")
            ? 'data-testid="organization-name"'
            : 'data-testid="organizations-table"',
        ),
    });
    const sample = async (path: string): Promise<Sample> => {
      const s = await p.view(path);
      return {
        total: s.total,
        bapi: s.bapi,
        requests: s.entries.length,
        endpoints: s.entries.map((e) => endpoint(e.method, e.path)),
      };
    };
    const listSample = (i: number) => sample(LIST_VIEWS[i % LIST_VIEWS.length] ?? "/organizations");
    const detailSample = (i: number) => sample(detailViews[i % detailViews.length] ?? "");
    for (let i = 0; i < LIST_VIEWS.length * 2; i++) await listSample(i); // warm-up
    for (let i = 0; i < detailViews.length * 2; i++) await detailSample(i);

    const list: Sample[] = [];
    const detail: Sample[] = [];
    let listCpu = 0;
    let detailCpu = 0;
    for (let r = 0; r < rounds; r++) {
      let c0 = server.cpuMs();
      for (let i = 0; i < views; i++) list.push(await listSample(i));
      listCpu += server.cpuMs() - c0;
      c0 = server.cpuMs();
      for (let i = 0; i < views; i++) detail.push(await detailSample(i));
      detailCpu += server.cpuMs() - c0;
    }
    const counts = (s: Sample) =>
      Object.entries(
        s.endpoints.reduce<Record<string, number>>((acc, e) => {
          acc[e] = (acc[e] ?? 0) + 1;
          return acc;
        }, {}),
      )
        .map(([e, n]) => `${n} x ${e}`)
        .join(", ");
    console.log(`one /organizations view: ${counts(list[0] as Sample)}`);
    console.log(`one /organizations/[id] view (largest): ${counts(detail[0] as Sample)}`);
    const figures = [
      ...tally("/organizations", list, listCpu / list.length, users, orgs.length),
      ...tally("/organizations/[id]", detail, detailCpu / detail.length, users, orgs.length),
    ];
    console.log(
      `organization pages at ${users.toLocaleString("en-US")} users / ${orgs.length.toLocaleString("en-US")} organizations, ${rounds} rounds x ${views} views each; ${loadLine()}`,
    );
    console.log("| Figure | Value |\n|---|---|");
    for (const f of figures) console.log(`| ${f.name} | ${f.value} ${f.unit} |`);
    return figures;
  } finally {
    await server.stop();
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
