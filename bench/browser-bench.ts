// What a user waits for in Chromium (Debian /usr/bin/chromium), against a real `next start` build and
// Local Clerk with N seeded users, per Node binary (interleaved):
// - sign-in to an interactive users table: a fresh context opens /users, is sent to Clerk's real
//   <SignIn/>, signs in as the admin; the clock stops when the table is visible and its search box is
//   hydrated (typing excluded). Median of --runs.
// - search keystroke to table: signed in on /users, the search box gets a user's email (one input
//   event: the last keystroke, or a paste); the clock (in the page) stops at the first animation frame
//   where the table's first row shows that user. p50/p95 of --searches.
//   npx tsx bench/browser-bench.ts [--users 100000] [--runs 5] [--searches 30] [--nodes 24,20]
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { LOCAL_SECRET_KEY } from "../local-clerk/src/app-env";
import { startLocalClerk } from "../local-clerk/src/index";
import { launchChromium, signInToUsers } from "./lib/browser";
import {
  type ConsoleServer,
  ensureBuild,
  NODE_BINARIES,
  nodeVersion,
  startConsoleServer,
} from "./lib/console-server";
import { type Figure, runAsScript } from "./lib/figures";
import { loadLine, median, pct, round } from "./lib/stats";

/** ms from filling the search box to the frame where the first row shows `email`. */
async function searchToTable(page: Page, email: string): Promise<number> {
  const box = page.getByTestId("users-search");
  const t0 = await page.evaluate(() => performance.now());
  await box.fill(email);
  const t1 = await page.waitForFunction(
    (e) => {
      const row = document.querySelector('[data-testid="user-row"]');
      return row?.textContent?.includes(e) ? performance.now() : false;
    },
    email,
    { polling: "raf", timeout: 30_000 },
  );
  return ((await t1.jsonValue()) as number) - t0;
}

export async function run(
  opts: { users?: number; runs?: number; searches?: number; nodes?: string[] } = {},
): Promise<Figure[]> {
  const runs = opts.runs ?? 5;
  const searches = opts.searches ?? 30;
  await ensureBuild();
  const lc = await startLocalClerk({ port: 0, seedUsers: opts.users ?? 100_000, quiet: true });
  const nodes = (opts.nodes ?? ["24", "20"]).map((n) => NODE_BINARIES[n] ?? n);
  const servers: { label: string; server: ConsoleServer }[] = [];
  const browser = await launchChromium();
  try {
    for (const [i, node] of nodes.entries())
      servers.push({
        label: nodeVersion(node),
        server: await startConsoleServer({
          localClerkPort: lc.port,
          port: Number(process.env.BENCH_APP_PORT ?? 3191) + 20 + i,
          dataDir: `.data/bench-browser-${i}`,
          node,
        }),
      });
    // Users spread over the seed, each found by its (unique) email address.
    const res = await fetch(`${lc.url}/v1/users?limit=${searches + 1}&offset=1000&order_by=-created_at`, {
      headers: { authorization: `Bearer ${LOCAL_SECRET_KEY}` },
    });
    const emails = ((await res.json()) as { email_addresses: { email_address: string }[] }[]).map(
      (u) => u.email_addresses[0]?.email_address ?? "",
    );
    const total = new Map(servers.map((s) => [s, [] as number[]]));
    const submit = new Map(servers.map((s) => [s, [] as number[]]));
    const search = new Map(servers.map((s) => [s, [] as number[]]));
    for (let i = 0; i < runs + 1; i++) {
      for (const s of i % 2 ? [...servers].reverse() : servers) {
        const context = await browser.newContext({ baseURL: s.server.url });
        const page = await context.newPage();
        const t = await signInToUsers(page);
        if (i > 0) {
          // The first run warms the server's route code and ClerkJS bundles.
          total.get(s)!.push(t.total);
          submit.get(s)!.push(t.submitToTable);
        }
        if (i === 0) {
          await searchToTable(page, emails[searches]!); // warm-up
          for (const email of emails.slice(0, searches))
            search.get(s)!.push(await searchToTable(page, email));
        }
        await context.close();
      }
    }
    const figures: Figure[] = servers.flatMap((s, i) =>
      [
        { name: "search keystroke -> table p50", value: round(pct(search.get(s)!, 0.5), 0), unit: "ms" },
        {
          name: "search keystroke -> table p95",
          value: round(pct(search.get(s)!, 0.95), 0),
          unit: "ms",
          ...(i === 0 ? { target: { op: "<=" as const, value: 150 } } : {}),
        },
        {
          name: "submit password -> users table interactive",
          value: round(median(submit.get(s)!), 0),
          unit: "ms",
        },
        {
          name: "sign-in to interactive users table (excl. typing)",
          value: round(median(total.get(s)!), 0),
          unit: "ms",
          ...(i === 0 ? { target: { op: "<=" as const, value: 1500 } } : {}),
        },
      ].map((f) => ({ bench: "browser", ...f, name: `${f.name} (${s.label})` })),
    );
    console.log(`Chromium: ${searches} searches, sign-in median of ${runs} fresh contexts; ${loadLine()}`);
    for (const f of figures) console.log(`  ${f.name}: ${f.value} ${f.unit}`);
    return figures;
  } finally {
    await browser.close();
    for (const s of servers) await s.server.stop();
    await lc.stop();
  }
}

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "100000" },
    runs: { type: "string", default: "5" },
    searches: { type: "string", default: "30" },
    nodes: { type: "string", default: "24,20" },
  },
  strict: false,
});
runAsScript(import.meta.url, () =>
  run({
    users: Number(values.users),
    runs: Number(values.runs),
    searches: Number(values.searches),
    nodes: String(values.nodes).split(","),
  }),
);
