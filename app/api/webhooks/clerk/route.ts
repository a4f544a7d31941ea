import { after } from "next/server";
import { runFirings } from "@/lib/automations/runner";
import { logger } from "@/lib/errors";
import { handleClerkWebhook } from "@/lib/webhooks/clerk-webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Public endpoint: authenticity comes from the Svix signature (CLERK_WEBHOOK_SIGNING_SECRET), not a session.
// Automations the event fired run after the response (Svix is answered at once); a firing this
// process does not finish is picked up by the catch-up pass (lib/automations/runner).
export async function POST(request: Request): Promise<Response> {
  return handleClerkWebhook(request, {
    runFirings: (ids) => {
      const run = () =>
        runFirings(ids).catch((err: unknown) => logger.warn("automations.run_failed", { error: err }));
      try {
        after(run);
      } catch {
        void run();
      }
    },
  });
}
