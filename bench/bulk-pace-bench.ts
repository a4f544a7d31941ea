// Bulk job pace: N metadata writes against an in-process Local Clerk with its rate limit on, paced at
// 90% of it. Prints requests, 429s, observed pace vs configured, and the busiest window.
// Usage: npx tsx bench/bulk-pace-bench.ts [targets=300] [limit=100] [windowMs=10000]
// The defaults are Clerk's development limit (100 / 10 s); each target costs two requests (the
// staleness re-read and the write), so 300 targets take about 67 s. A shorter window is only a
// quicker smoke run, not the acceptance figure (lib/jobs/jobs-pace.test.ts runs 1,000 at 100 / 10 s).
// The pacer draws from the store's shared budget, as every process's pacer does in the app.
import { createClerkClientFor } from "@/lib/clerk/client";
import { decideJob } from "@/lib/jobs/decide";
import { dbPaceBudget } from "@/lib/jobs/pace-budget";
import { pacedClerk } from "@/lib/jobs/paced-clerk";
import { Pacer, paceFromEnv } from "@/lib/jobs/pacer";
import { planTargets } from "@/lib/jobs/planner";
import { pacedOwnerLookup } from "@/lib/jobs/standing";
import { createJob } from "@/lib/jobs/store";
import { LOCAL_SECRET_KEY } from "@/local-clerk/src/app-env";
import { startLocalClerk } from "@/local-clerk/src/index";
import { createTestDatabase } from "@/test/support/db";
import { InProcessJobs } from "@/test/support/job-driver";
import { busiestWindow } from "@/test/support/pacing";

const [targets = 300, requests = 100, windowMs = 10_000] = process.argv.slice(2).map(Number);
const driver = process.env.BENCH_DB === "pglite" ? "pglite" : "pg";

const lc = await startLocalClerk({ port: 0, seedUsers: targets, quiet: true });
const store = await createTestDatabase(driver);
try {
  const clerk = createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY });
  const pacer = new Pacer(
    paceFromEnv({ BULK_RATE_LIMIT: String(requests), BULK_RATE_WINDOW_MS: String(windowMs) }),
  );
  pacer.shareBudget(dbPaceBudget(async () => store.db, "bench:bulk-pace"));
  lc.context.rateLimiter.set({ requests, windowMs });
  const ids = [...lc.state.users.all()].slice(0, targets).map((u) => u.id);
  const plan = await planTargets(
    "updateUserMetadata",
    ids.map((id) => ({ user_id: id, public_metadata: { bench: "bulk" } })),
    pacedClerk(clerk, pacer),
  );
  // The worker re-checks the proposer's and approver's roles with Clerk: a real (seeded) admin.
  const adminId = lc.state.users.findByEmail("admin@example.com")?.id ?? "";
  const admin = { userId: adminId, role: "admin" as const };
  const { job, planHash } = await createJob(store.db, {
    action: "updateUserMetadata",
    title: "bench",
    params: {},
    createdBy: admin.userId,
    source: "console",
    pacePer10s: Math.round((pacer.config.requests * 10_000) / pacer.config.windowMs),
    targets: plan,
  });
  const lookupOwner = pacedOwnerLookup(clerk, pacer);
  await decideJob(store.db, { jobId: job.id, approver: admin, approved: true, planHash, lookupOwner });
  const mark = lc.requestLog.list().at(-1)?.seq ?? 0;
  const started = performance.now();
  await new InProcessJobs({ db: store.db, clerk, pacer, lookupOwner, concurrency: 6 }).drain();
  const seconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 100));
  const log = lc.requestLog.list({ sinceSeq: mark });
  const at = log.map((e) => e.at).sort((a, b) => a - b);
  const busiest = busiestWindow(at, windowMs);
  const observed = ((log.length - 1) * windowMs) / ((at.at(-1) as number) - (at[0] as number));
  console.log(
    JSON.stringify({
      bench: "bulk-pace",
      db: driver,
      targets,
      clerkLimit: `${requests}/${windowMs}ms`,
      pace: `${pacer.config.requests}/${windowMs}ms`,
      requests: log.length,
      rateLimited429: log.filter((e) => e.status === 429).length,
      seconds: Math.round(seconds * 10) / 10,
      observedPerWindow: Math.round(observed * 10) / 10,
      ofConfiguredPace: `${((observed / pacer.config.requests) * 100).toFixed(1)}%`,
      busiestWindow: busiest,
    }),
  );
} finally {
  await store.destroy();
  await lc.stop();
}
