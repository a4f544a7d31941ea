import { after } from "next/server";
import { startFiringRuns } from "@/lib/automations/firing-runs";
import { logger } from "@/lib/errors";
import { handleClerkWebhook } from "@/lib/webhooks/clerk-webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Public endpoint: authenticity comes from the Svix signature (CLERK_WEBHOOK_SIGNING_SECRET), not a session.
// Each automation firing the event recorded gets a workflow run, started after the response (Svix is
// answered at once); a firing whose run this process does not start is started at the next boot.
export async function POST(request: Request): Promise<Response> {
  return handleClerkWebhook(request, {
    startFirings: (ids) => {
      const startRuns = () =>
        startFiringRuns(ids).catch((err: unknown) =>
          logger.error("automations.run_start_failed", { error: String(err) }),
        );
      try {
        after(startRuns);
      } catch {
        void startRuns();
      }
    },
  });
}
