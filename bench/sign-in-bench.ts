// Sign-in to an interactive users table in Chromium (Debian /usr/bin/chromium), against a real
// `next start` build and Local Clerk with N seeded users: a fresh browser context per run opens
// /users, is sent to Clerk's real <SignIn/>, signs in as the admin, and the clock stops when the
// users table is visible and its search box is hydrated by React. Median of several runs.
//   npx tsx bench/sign-in-bench.ts [--users 100000] [--runs 5]
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { SEEDED_ACCOUNTS } from "../local-clerk/src/app-env";
import { startLocalClerk } from "../local-clerk/src/index";
import { ensureBuild, startConsoleServer } from "./lib/console-server";
import { type Figure, runAsScript } from "./lib/figures";
import { loadLine, median, round } from "./lib/stats";

export async function run(opts: { users?: number; runs?: number } = {}): Promise<Figure[]> {
  const runs = opts.runs ?? 5;
  const admin = SEEDED_ACCOUNTS.find((a) => a.role === "admin");
  if (!admin) throw new Error("no seeded admin");
  await ensureBuild();
  const lc = await startLocalClerk({ port: 0, seedUsers: opts.users ?? 100_000, quiet: true });
  const app = await startConsoleServer({
    localClerkPort: lc.port,
    port: Number(process.env.BENCH_APP_PORT ?? 3191) + 2,
    dataDir: ".data/bench-sign-in",
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const formReady: number[] = [];
    const submitToTable: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext({ baseURL: app.url });
      const page = await context.newPage();
      const t0 = performance.now();
      page.setDefaultTimeout(60_000);
      await page.goto("/users", { waitUntil: "commit" });
      const identifier = page.locator("input[name=identifier]");
      await identifier.waitFor({ timeout: 60_000 });
      const t1 = performance.now();
      await identifier.fill(admin.email);
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.waitForURL(/\/sign-in\/factor-one/);
      const password = page.locator("input[name=password]");
      await password.waitFor();
      await password.fill(admin.password);
      const t2 = performance.now();
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      await page.waitForURL((u) => u.pathname === "/users", { timeout: 60_000 });
      await page.getByTestId("users-table").waitFor({ timeout: 60_000 });
      await page.waitForFunction(
        () => {
          const input = document.querySelector('input[placeholder^="Name, email"]');
          return !!input && Object.keys(input).some((k) => k.startsWith("__reactFiber"));
        },
        undefined,
        { timeout: 60_000 },
      );
      const t3 = performance.now();
      await context.close();
      if (i === 0) continue; // warm-up: server route code and ClerkJS bundles compiled/cached server-side
      formReady.push(t1 - t0);
      submitToTable.push(t3 - t2);
      total.push(t3 - t0 - (t2 - t1)); // without the time spent typing
    }
    const figures: Figure[] = [
      { name: "open /users -> sign-in form ready", value: round(median(formReady), 0), unit: "ms" },
      {
        name: "submit password -> users table interactive",
        value: round(median(submitToTable), 0),
        unit: "ms",
      },
      {
        name: "sign-in to interactive users table (excl. typing)",
        value: round(median(total), 0),
        unit: "ms",
      },
    ].map((f) => ({ bench: "sign-in", ...f }));
    console.log(`Chromium sign-in, median of ${runs} fresh contexts; ${loadLine()}`);
    for (const f of figures) console.log(`  ${f.name}: ${f.value} ${f.unit}`);
    return figures;
  } finally {
    await browser.close();
    await app.stop();
    await lc.stop();
  }
}

const { values } = parseArgs({
  options: { users: { type: "string", default: "100000" }, runs: { type: "string", default: "5" } },
  strict: false,
});
runAsScript(import.meta.url, () => run({ users: Number(values.users), runs: Number(values.runs) }));
