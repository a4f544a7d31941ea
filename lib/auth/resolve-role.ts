// Turns session claims (+ a cached BAPI lookup when needed) into the console role. No framework imports,
// so the whole decision is unit-tested with plain objects.
import { isPlainObject } from "@/lib/clerk/metadata";
import { type ConsoleRole, effectiveRole, roleFromMetadata } from "./policy";

export interface LookedUpUser {
  email: string | null;
  publicMetadata: unknown;
}

export type UserLookup = (userId: string) => Promise<LookedUpUser>;

/** The slice of a Clerk user the role needs (`users.getUser(...)` returns one). */
export interface ClerkUserLike {
  publicMetadata: unknown;
  primaryEmailAddressId: string | null;
  emailAddresses: { id: string; emailAddress: string }[];
}

/** A Clerk user as the role resolution reads it: public metadata and the primary (else first) email. */
export function lookedUpUser(user: ClerkUserLike): LookedUpUser {
  const primary =
    user.emailAddresses.find((e) => e.id === user.primaryEmailAddressId) ?? user.emailAddresses[0];
  return { email: primary?.emailAddress ?? null, publicMetadata: user.publicMetadata };
}

export interface ResolvedIdentity {
  role: ConsoleRole;
  email: string | null;
  /** Where the role came from: the `metadata` session claim, a BAPI read, or the bootstrap allow-list. */
  source: "claims" | "bapi" | "allow-list";
}

/** Reads the optional `email` custom claim (Clerk session-token template: `"email": "{{user.primary_email_address}}"`). */
function emailClaim(claims: Record<string, unknown> | null): string | null {
  const email = claims?.email;
  return typeof email === "string" && email.includes("@") ? email : null;
}

export async function resolveIdentity(input: {
  userId: string;
  claims: unknown;
  adminEmails: ReadonlySet<string>;
  lookupUser: UserLookup;
}): Promise<ResolvedIdentity> {
  const claims = isPlainObject(input.claims) ? input.claims : null;
  let email = emailClaim(claims);
  let user: LookedUpUser | null = null;
  const fetchUser = async () => {
    user ??= await input.lookupUser(input.userId);
    return user;
  };

  // The claim being absent (not merely empty) means the instance lacks the custom session claim.
  const hasMetadataClaim = claims !== null && "metadata" in claims;
  let metadataRole: ConsoleRole;
  let source: ResolvedIdentity["source"];
  if (hasMetadataClaim) {
    metadataRole = roleFromMetadata(claims.metadata);
    source = "claims";
  } else {
    const looked = await fetchUser();
    metadataRole = roleFromMetadata(looked.publicMetadata);
    email ??= looked.email;
    source = "bapi";
  }

  if (metadataRole !== "admin" && input.adminEmails.size > 0 && email === null) {
    email = (await fetchUser()).email;
  }
  const role = effectiveRole(metadataRole, email, input.adminEmails);
  return { role, email, source: role !== metadataRole ? "allow-list" : source };
}
