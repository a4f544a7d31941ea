import { handleClerkWebhook } from "@/lib/webhooks/clerk-webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Public endpoint: authenticity comes from the Svix signature (CLERK_WEBHOOK_SIGNING_SECRET), not a session.
export async function POST(request: Request): Promise<Response> {
  return handleClerkWebhook(request);
}
