import { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";
import type { ActionContext, PreCheck } from "../define-action";
import { clerkId, orNotFound, orNull, preCheck } from "./shared";

type Clerk = ActionContext["clerk"];

export const organizationIdField = clerkId("org", "organization").describe(
  "The Clerk organization id, e.g. org_2abc… (from listOrganizations).",
);
export const orgInvitationIdField = clerkId("orginv", "organization invitation").describe(
  "The organization invitation id, e.g. orginv_2abc… (from listOrganizationInvitations).",
);

export const orgRoleField = z
  .string()
  .max(64)
  .regex(/^org:[a-z0-9_-]+$/, 'Must be an organization role key such as "org:admin" or "org:member".')
  .describe('Organization role key, e.g. "org:admin" or "org:member" (listOrganizationRoles lists them).');

// Clerk refuses names with HTML or URLs; refusing them here gives the same clear answer before any call.
export const orgNameField = z
  .string()
  .min(1, "Give the organization a name.")
  .max(256, "At most 256 characters.")
  .regex(/\S/, "The name must not be blank.")
  .refine((v) => !/[<>]/.test(v) && !/(https?:\/\/|www\.)/i.test(v), "The name may not contain URLs or HTML.")
  .refine((v) => !/\p{Cc}/u.test(v), "The name may not contain control characters.")
  .describe("Organization name as people see it, e.g. Acme Inc.");

export const orgSlugField = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Lowercase letters, digits and single dashes only, e.g. acme-inc.")
  .describe("URL-safe unique identifier, e.g. acme-inc: lowercase letters, digits and dashes.");

export const maxMembershipsField = z
  .int()
  .min(0)
  .max(1_000_000)
  .describe("Most members (pending invitations count too) the organization may have; 0 means unlimited.");

/** The slug Clerk would derive from a name (lowercase ASCII words joined by dashes). */
export function slugFromName(name: string): string {
  return (
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 200) || "organization"
  );
}

export async function getOrganizationWithCounts(clerk: Clerk, organizationId: string) {
  return orNotFound(
    clerk.organizations.getOrganization({ organizationId, includeMembersCount: true }),
    "Organization",
    organizationId,
  );
}

/** The id of the organization holding `slug`, or null. */
export async function slugOwner(clerk: Clerk, slug: string): Promise<string | null> {
  return (await orNull(clerk.organizations.getOrganization({ slug })))?.id ?? null;
}

/** The keys of every organization role of the instance. */
export async function roleKeys(clerk: Clerk): Promise<string[]> {
  const { data } = await clerk.organizationRoles.getOrganizationRoleList({ limit: 100 });
  return data.map((r) => r.key);
}

/** The role `userId` holds in the organization, or null when they are not a member. */
export async function memberRole(
  clerk: Clerk,
  organizationId: string,
  userId: string,
): Promise<string | null> {
  const { data } = await orNotFound(
    clerk.organizations.getOrganizationMembershipList({ organizationId, userId: [userId], limit: 1 }),
    "Organization",
    organizationId,
  );
  return data.find((m) => m.publicUserData?.userId === userId)?.role ?? null;
}

export function roleCheck(role: string, known: readonly string[]): PreCheck {
  return preCheck(
    "role_known",
    known.includes(role),
    `${role} is a role of this instance.`,
    `Unknown role ${role}; roles: ${known.join(", ")}.`,
  );
}

export interface Seats {
  members_count: number;
  pending_invitations_count: number;
  max_allowed_memberships: number;
}

export function seatCheck(seats: Seats, extra = 1): PreCheck {
  const used = seats.members_count + seats.pending_invitations_count;
  const max = seats.max_allowed_memberships;
  const ok = max === 0 || used + extra <= max;
  return {
    id: "seat_available",
    ok,
    message:
      max === 0
        ? `${used} members and pending invitations; no limit.`
        : ok
          ? `${used} of ${max} memberships used (pending invitations included).`
          : `The organization is full: ${used} of ${max} memberships used (pending invitations included).`,
  };
}

/** run()'s guard: a failed pre-check refuses the write before anything is sent to Clerk. */
export function refuseFailedChecks(checks: PreCheck[], message: string, field = "_form"): void {
  const failed = checks.filter((c) => !c.ok);
  if (failed.length === 0) return;
  const fieldErrors: FieldErrors = { [field]: failed.map((c) => c.message) };
  throw AppError.validation(
    fieldErrors,
    `${message} ${failed.map((c) => c.message).join(" ")} Nothing was changed.`,
  );
}

const ORG_COUNTERS = ["members_count", "pending_invitations_count", "admins_count", "updated_at"];

/**
 * What an organization membership write is bound to: the snapshot without the organization's counters
 * (members, pending invitations, admins, updated_at), which other writes to the organization move.
 */
export function withoutOrgCounters<T extends object>(snap: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(snap).filter(([key]) => !ORG_COUNTERS.includes(key)));
}
