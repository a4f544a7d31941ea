import { resolveDbConfig } from "@/lib/db/client";
import { selectWorkflowWorld } from "@/lib/workflow/world";

// Before anything creates the Workflow SDK's world (lib/workflow/world).
selectWorkflowWorld();

// Refuse to start with a database that would lose data (on Vercel without DATABASE_URL) instead of
// serving 500s from a half-prepared server.
try {
  resolveDbConfig();
} catch (err) {
  console.error(`Refusing to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

// Background work starts with the server, not with the first page that needs it: the workflow engine's
// world starts (runs a restart interrupted resume on their own, an MCP-only deployment has no page
// visits), then jobs approved and automation firings recorded while no run could start get their run;
// the metadata index catches up with what Clerk changed while the console was down, sign-ins Clerk still
// lists are recorded, and audit intents a dead process left pending (it died between Clerk's answer and
// the outcome record) are settled, now and periodically.
// Never during `next build`.
if (process.env.NEXT_PHASE !== "phase-production-build") {
  const [
    { startWorkflowsAtBoot },
    { resumeJobsAtBoot },
    { resumeFiringsAtBoot },
    { catchUpMetadataIndexAtBoot },
    { startReconciler },
    { getDb },
    { actionContext },
    { backfillSignInsAtBoot },
  ] = await Promise.all([
    import("@/lib/workflow/boot"),
    import("@/lib/jobs/engine"),
    import("@/lib/automations/firing-runs"),
    import("@/lib/webhooks/catch-up"),
    import("@/lib/writes/reconcile"),
    import("@/lib/db/client"),
    import("@/lib/clerk/action-context"),
    import("@/lib/sign-ins/backfill"),
  ]);
  startWorkflowsAtBoot([resumeJobsAtBoot, resumeFiringsAtBoot]);
  catchUpMetadataIndexAtBoot();
  backfillSignInsAtBoot();
  startReconciler(async () => {
    const db = await getDb();
    return { db, ctx: actionContext({ db }) };
  });
}
