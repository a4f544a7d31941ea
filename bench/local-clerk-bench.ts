// Benchmark (not a test): Local Clerk with 100,000 seeded users.
// Run: npx tsx bench/local-clerk-bench.ts [--users 100000] [--iterations 40]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createClerkClient } from "@clerk/backend";
import { LOCAL_SECRET_KEY } from "../local-clerk/src/app-env";
import { listUsersHandler, userFilter } from "../local-clerk/src/bapi/users";
import { startLocalClerk } from "../local-clerk/src/index";
import { seedState } from "../local-clerk/src/seed";
import { writeSnapshot } from "../local-clerk/src/state/persistence";
import { State } from "../local-clerk/src/state/store";
import { benchOrganizationFilter } from "./lib/local-clerk-org-filter";
import { benchAndPrintUserFilters } from "./lib/local-clerk-user-filters";

const { values } = parseArgs({
  options: { users: { type: "string", default: "100000" }, iterations: { type: "string", default: "40" } },
});
const USERS = Number(values.users);
const N = Number(values.iterations);
// From very selective to "every user matches" (every id contains "user_").
const QUERIES = [
  "jane@acme",
  "olivia.garcia",
  "ignore previous",
  "smith",
  "acme",
  "gmail.com",
  "nomatchatall",
  "user_",
];

const ms = (t0: number) => performance.now() - t0;
const load = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")} on ${cpus().length} CPUs`;
console.log(`Local Clerk benchmark, ${load()} (other processes inflate the p95s)`);
function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] as number;
}
const fmt = (xs: number[]) =>
  `${pct(xs, 0.5).toFixed(2).padStart(7)} /${pct(xs, 0.95).toFixed(2).padStart(7)}`;

{
  const t0 = performance.now();
  const state = new State();
  const r = seedState(state, { users: USERS });
  console.log(
    `seed: ${r.users} users + ${r.invitations} invitations + ${r.organizations.organizations} organizations (${r.organizations.memberships} memberships) in ${ms(t0).toFixed(0)} ms`,
  );
  const dir = mkdtempSync(join(tmpdir(), "local-clerk-bench-"));
  const t1 = performance.now();
  writeSnapshot(dir, state.snapshot());
  console.log(`persist: snapshot of ${r.users} users written in ${ms(t1).toFixed(0)} ms`);
  const t2 = performance.now();
  const restarted = await startLocalClerk({ port: 0, dataDir: dir, quiet: true });
  console.log(
    `restart from that snapshot (parse + index + search index): ${ms(t2).toFixed(0)} ms, ${restarted.state.users.size} users`,
  );
  await restarted.stop();
  rmSync(dir, { recursive: true, force: true });
}

let t = performance.now();
const handle = await startLocalClerk({ port: 0, seedUsers: USERS, quiet: true });
console.log(`startLocalClerk (seed + sorted view + trigram search index): ${ms(t).toFixed(0)} ms`);
const ctx = handle.context;
const params = (q: string, extra = "") =>
  new URLSearchParams(`query=${encodeURIComponent(q)}&limit=10${extra}`);
t = performance.now();
listUsersHandler(ctx, params("warm"));
console.log(`first query after start: ${ms(t).toFixed(0)} ms`);
t = performance.now();
listUsersHandler(ctx, params("warm", "&order_by=%2Blast_name"));
console.log(`first +last_name query (builds that sorted view): ${ms(t).toFixed(0)} ms`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB\n`);

const admin = handle.state.findUserByEmail("admin@example.com");
if (!admin) throw new Error("seed lacks admin@example.com");
let bump = 0;
// A write invalidates the count cache, so "cold" counts really scan.
const write = () => handle.state.users.mergeMetadata(admin.id, { publicMetadata: { bench: ++bump } });

const headers = { Authorization: `Bearer ${LOCAL_SECRET_KEY}` };
const clerk = createClerkClient({
  apiUrl: handle.url,
  secretKey: LOCAL_SECRET_KEY,
  telemetry: { disabled: true },
});
const all = { list: [] as number[], countCold: [] as number[], http: [] as number[], sdk: [] as number[] };

console.log(
  `p50 / p95 in ms over ${N} iterations per query, ${handle.state.users.size} users, limit 10, order -created_at`,
);
console.log(
  `${"query".padEnd(17)}${"matches".padStart(8)}  ${"handler list".padStart(16)}  ${"count (cold)".padStart(16)}  ${"count (cached)".padStart(16)}  ${"HTTP list".padStart(16)}  ${"SDK getUserList".padStart(16)}`,
);
for (const q of QUERIES) {
  const r = {
    list: [] as number[],
    countCold: [] as number[],
    countWarm: [] as number[],
    http: [] as number[],
    sdk: [] as number[],
  };
  for (let i = 0; i < N; i++) {
    write();
    t = performance.now();
    listUsersHandler(ctx, params(q));
    r.list.push(ms(t));
    t = performance.now();
    ctx.state.users.count(userFilter(params(q)));
    r.countCold.push(ms(t));
    t = performance.now();
    ctx.state.users.count(userFilter(params(q)));
    r.countWarm.push(ms(t));
    write();
    t = performance.now();
    await (await fetch(`${handle.url}/v1/users?${params(q)}`, { headers })).arrayBuffer();
    r.http.push(ms(t));
    write();
    t = performance.now();
    await clerk.users.getUserList({ query: q, limit: 10 });
    r.sdk.push(ms(t));
  }
  const matches = ctx.state.users.count(userFilter(params(q)));
  console.log(
    `${q.padEnd(17)}${String(matches).padStart(8)}  ${fmt(r.list)}  ${fmt(r.countCold)}  ${fmt(r.countWarm)}  ${fmt(r.http)}  ${fmt(r.sdk)}`,
  );
  all.list.push(...r.list);
  all.countCold.push(...r.countCold);
  all.http.push(...r.http);
  all.sdk.push(...r.sdk);
}
console.log(
  `${"ALL".padEnd(25)}  ${fmt(all.list)}  ${fmt(all.countCold)}  ${"".padStart(16)}  ${fmt(all.http)}  ${fmt(all.sdk)}`,
);
console.log(
  "(SDK getUserList = GET /v1/users + GET /v1/users/count over HTTP, each after a write, so its count is cold)",
);
await benchOrganizationFilter(handle, N);
await benchAndPrintUserFilters(handle, N);
console.log(`finished with ${load()}`);
await handle.stop();
