import { verifyWebhook } from "@clerk/nextjs/webhooks";
import type { NextRequest } from "next/server";
import { recordFirings } from "@/lib/automations/record";
import { type Db, getDb } from "@/lib/db/client";
import { changeEvents, webhookEvents } from "@/lib/db/schema";
import { toStorableJson } from "@/lib/db/storable-text";
import { recordSessionEvent } from "@/lib/sign-ins/record";
import { indexedUserFromWebhook, removeIndexedUser, upsertIndexedUsers } from "./metadata-index";

const MAX_BODY_BYTES = 1_000_000;

export type WebhookResult =
  | { status: "stored"; svixId: string; type: string; firings: string[] }
  | { status: "duplicate"; svixId: string; type: string };

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

function userIdOf(type: string, data: Record<string, unknown>): string | null {
  if (type.startsWith("user.")) return typeof data.id === "string" ? data.id : null;
  return typeof data.user_id === "string" ? data.user_id : null;
}

/** Signed is not the same as well-formed: a type that is not a short string or data that is not an object is refused. */
function isEventShape(event: unknown): event is { type: string; data: Record<string, unknown> } {
  if (!event || typeof event !== "object" || Array.isArray(event)) return false;
  const { type, data } = event as { type?: unknown; data?: unknown };
  return (
    typeof type === "string" &&
    type.length > 0 &&
    type.length <= 200 &&
    !!data &&
    typeof data === "object" &&
    !Array.isArray(data)
  );
}

/**
 * Stores a verified event once per svix-id and, in the same transaction, updates the metadata index and
 * announces the change. A redelivery changes nothing; a failure rolls everything back so Svix retries.
 */
export async function storeClerkEvent(
  svixId: string,
  verified: { type: string; data: unknown; [k: string]: unknown },
  db: Db,
): Promise<WebhookResult> {
  // A signed event is Clerk's word, so it is kept (cleaned) rather than refused: Svix would retry a refusal forever.
  const event = toStorableJson(verified);
  const data = (event.data && typeof event.data === "object" ? event.data : {}) as Record<string, unknown>;
  const objectId = typeof data.id === "string" ? data.id : null;
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(webhookEvents)
      .values({ svixId, type: event.type, objectId, payload: event })
      .onConflictDoNothing({ target: webhookEvents.svixId })
      .returning({ id: webhookEvents.id });
    if (inserted.length === 0) return { status: "duplicate" as const, svixId, type: event.type };

    if (event.type === "user.created" || event.type === "user.updated") {
      const user = indexedUserFromWebhook(data);
      if (user) await upsertIndexedUsers([user], tx as unknown as Db);
    } else if (event.type === "user.deleted" && objectId) {
      const at = typeof event.timestamp === "number" && event.timestamp > 0 ? event.timestamp : Date.now();
      await removeIndexedUser(objectId, tx as unknown as Db, at);
    } else if (event.type.startsWith("session.")) {
      await recordSessionEvent(event.type, data, tx as unknown as Db);
    }
    await tx.insert(changeEvents).values({ kind: event.type, userId: userIdOf(event.type, data) });
    // Automations: one firing per matching rule, recorded with the event (a redelivery records none).
    const firings = await recordFirings(tx as unknown as Db, svixId, { ...event, type: event.type, data });
    return { status: "stored" as const, svixId, type: event.type, firings };
  });
}

/** The POST handler of /api/webhooks/clerk, with the database and secret injectable for tests. */
export async function handleClerkWebhook(
  request: Request,
  opts: { db?: Db; signingSecret?: string; startFirings?: (ids: string[]) => void } = {},
): Promise<Response> {
  const secret = opts.signingSecret ?? process.env.CLERK_WEBHOOK_SIGNING_SECRET;
  if (!secret) {
    console.error("[webhooks] CLERK_WEBHOOK_SIGNING_SECRET is not set; refusing webhook");
    return json(500, { error: "Webhook signing secret is not configured" });
  }
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) return json(413, { error: "Payload too large" });

  const svixId = request.headers.get("svix-id")?.trim() ?? "";
  let event: Awaited<ReturnType<typeof verifyWebhook>>;
  try {
    // A plain Request is accepted at runtime (isRequestWebAPI); the SDK's type only names Next's request types.
    event = await verifyWebhook(request as NextRequest, { signingSecret: secret });
  } catch (err) {
    // Bad signature, tampered body, missing headers or a timestamp outside the tolerance window.
    console.warn(
      `[webhooks] rejected webhook svix-id=${svixId || "(none)"}: ${err instanceof Error ? err.message : String(err)}`,
    );
    return json(401, { error: "Invalid webhook signature" });
  }
  if (!svixId || svixId.length > 200) return json(400, { error: "Missing svix-id" });
  if (!isEventShape(event)) {
    console.warn(`[webhooks] refused a signed but malformed event svix-id=${svixId}`);
    return json(400, { error: "Malformed event: expected {type: string, data: object}" });
  }

  try {
    const db = opts.db ?? (await getDb());
    const result = await storeClerkEvent(svixId, event, db);
    if (result.status === "stored" && result.firings.length > 0) opts.startFirings?.(result.firings);
    return json(200, { ok: true, ...result });
  } catch (err) {
    console.error(`[webhooks] could not store event svix-id=${svixId}:`, err);
    return json(500, { error: "Could not store event" });
  }
}
