// Users page server-time benchmark: at N seeded users (default 100,000), how long one view takes on the
// server, split into Clerk BAPI time and the console's own overhead (URL parsing, validation, mapping
// rows), and how many BAPI requests a view costs. Prints figures; asserts nothing.
//   npx tsx bench/users-page-bench.ts [users=100000] [iterations=60]

import { listUsers } from "../lib/clerk/actions/list-users";
import { createClerkClientFor } from "../lib/clerk/client";
import { runAction } from "../lib/clerk/define-action";
import { toUserRow } from "../lib/console/user-row";
import { loadUsersSearchParams, normalizeUsersView, usersViewToListParams } from "../lib/console/users-view";
import { LOCAL_SECRET_KEY } from "../local-clerk/src/app-env";
import { startLocalClerk } from "../local-clerk/src/index";

const users = Number(process.argv[2] ?? 100_000);
const iterations = Number(process.argv[3] ?? 60);
const VIEWS = [
  "",
  "size=50&sort=%2Bemail_address&page=7",
  "q=smith&size=20",
  "sort=-last_sign_in_at&size=100&page=3",
  "email=admin%40example.com",
];

const p = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

const lc = await startLocalClerk({ port: 0, seedUsers: users, quiet: true });
const clerk = createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY });
const ctx = { clerk };
const total: number[] = [];
const bapi: number[] = [];
const requests: number[] = [];
try {
  for (let i = 0; i < iterations + 5; i++) {
    const qs = VIEWS[i % VIEWS.length]!;
    const seq = lc.requestLog.list().at(-1)?.seq ?? 0;
    const t0 = performance.now();
    const view = normalizeUsersView(loadUsersSearchParams(new URLSearchParams(qs)));
    const params = usersViewToListParams(view);
    const t1 = performance.now();
    const page = await runAction(listUsers, params, ctx);
    const t2 = performance.now();
    page.users.map((u) => toUserRow(u, view.cols));
    const t3 = performance.now();
    if (i < 5) continue; // warm-up
    total.push(t3 - t0);
    bapi.push(t2 - t1);
    requests.push(lc.requestLog.list({ sinceSeq: seq }).length);
  }
  const overhead = total.map((t, i) => t - bapi[i]!);
  const fmt = (xs: number[]) => `p50 ${p(xs, 0.5).toFixed(2)} ms, p95 ${p(xs, 0.95).toFixed(2)} ms`;
  console.log(`users page server time at ${users.toLocaleString("en-US")} users, ${iterations} views`);
  console.log(`  total:            ${fmt(total)}`);
  console.log(`  BAPI (list+count): ${fmt(bapi)}`);
  console.log(`  console overhead: ${fmt(overhead)}  (target p95 <= 20 ms)`);
  console.log(
    `  BAPI requests per view: ${[...new Set(requests)].join(", ")} (GET /users + GET /users/count, concurrent)`,
  );
} finally {
  await lc.stop();
}
