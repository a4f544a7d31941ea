import "server-only";
import { auth } from "@clerk/nextjs/server";
import { getClerkClient } from "@/lib/clerk/client";
import { logger } from "@/lib/errors";

export interface CustomerPerson {
  id: string;
  email: string | null;
  name: string | null;
}

/** What the demo "customer app" shows: who is signed in and, while impersonated, who acts for them. */
export interface CustomerView {
  user: CustomerPerson;
  sessionId: string | null;
  /** Clerk's `act` claim (from an actor token): `sub` is the admin acting as the user. */
  actor: (CustomerPerson & { claims: Record<string, unknown> }) | null;
}

async function person(id: string): Promise<CustomerPerson> {
  try {
    const user = await getClerkClient().users.getUser(id);
    const primary =
      user.emailAddresses.find((e) => e.id === user.primaryEmailAddressId) ?? user.emailAddresses[0];
    const name = [user.firstName, user.lastName].filter(Boolean).join(" ") || null;
    return { id, email: primary?.emailAddress ?? null, name };
  } catch (err) {
    // A deleted actor still shows by id: the banner must never disappear because a lookup failed.
    logger.warn("customer_view.user_lookup_failed", {
      userId: id,
      error: err instanceof Error ? err.message : String(err),
    });
    return { id, email: null, name: null };
  }
}

/** `null` when signed out (proxy.ts sends signed-out visitors to sign-in before this runs). */
export async function getCustomerView(): Promise<CustomerView | null> {
  const { userId, sessionId, actor } = await auth();
  if (!userId) return null;
  const [user, actorPerson] = await Promise.all([
    person(userId),
    typeof actor?.sub === "string" ? person(actor.sub) : Promise.resolve(null),
  ]);
  return {
    user,
    sessionId: sessionId ?? null,
    actor: actorPerson && actor ? { ...actorPerson, claims: { ...actor } } : null,
  };
}
