import type { User } from "@clerk/backend";
import { z } from "zod";
import { AppError, toAppError } from "@/lib/errors";
import type { ClerkClient } from "../client";
import { type ActionContext, type PreCheck, staleTarget, type TargetRef } from "../define-action";
import { metadataSizeErrors } from "../metadata";

export const clerkId = (prefix: string, what: string) =>
  z
    .string()
    .max(64)
    .regex(new RegExp(`^${prefix}_[A-Za-z0-9]+$`), `Must be a Clerk ${what} id (${prefix}_…).`);

export const userIdField = clerkId("user", "user").describe(
  "The Clerk user id, e.g. user_2abc… (from listUsers).",
);
export const invitationIdField = clerkId("inv", "invitation").describe(
  "The Clerk invitation id, e.g. inv_2abc… (from listInvitations).",
);
export const sessionIdField = clerkId("sess", "session").describe(
  "The Clerk session id, e.g. sess_2abc… (from listSessions).",
);

export const limitField = z
  .int()
  .min(1)
  .max(500)
  .optional()
  .describe("How many results to return, 1 to 500. Default 10.");
export const offsetField = z
  .int()
  .min(0)
  .max(1_000_000)
  .optional()
  .describe("How many results to skip, for paging. Default 0.");

export const metadataField = (which: string, extra = "") =>
  z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      `${which} metadata to deep-merge into the current value: keys merge at every level, a null value deletes that key, arrays replace. Max 8 KB after the merge.${extra}`,
    );

export const expiresInDaysField = (extra = "") =>
  z.int().min(1).max(365).optional().describe(`Days until the invitation expires, 1 to 365.${extra}`);

/** An input that names its target one of two ways: refused unless it gives exactly one of `a` or `b`. */
export function exactlyOne<S extends z.ZodObject>(
  schema: S,
  a: keyof z.output<S> & string,
  b: keyof z.output<S> & string,
) {
  return schema.refine((v) => (v[a] === undefined) !== (v[b] === undefined), {
    message: `Give exactly one of ${a} or ${b}.`,
  });
}

export const DEFAULT_LIMIT = 10;

/** A list input's page as Clerk's list endpoints take it. */
export const pageOf = (input: { limit?: number; offset?: number }, limit = DEFAULT_LIMIT) => ({
  limit: input.limit ?? limit,
  offset: input.offset,
});

export const orderByField = <const T extends readonly [string, ...string[]]>(orders: T) =>
  z.enum(orders).optional().describe("Sort order; '-' descending, '+' ascending. Default -created_at.");

/** Maps a Clerk 404 into a not_found naming the missing thing. */
export async function orNotFound<T>(promise: Promise<T>, what: string, id: string): Promise<T> {
  try {
    return await promise;
  } catch (raw) {
    const err = toAppError(raw);
    if (err.code === "not_found") throw AppError.notFound(what, id);
    throw err;
  }
}

/** The value, or null where Clerk answers 404: for reads where "gone" is a state, not an error. */
export async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (raw) {
    const err = toAppError(raw);
    if (err.code === "not_found") return null;
    throw err;
  }
}

export const getUserOrNotFound = (clerk: ClerkClient, id: string): Promise<User> =>
  orNotFound(clerk.users.getUser(id), "User", id);

/** Whether Clerk returns the user; any failure reads as "no". */
export const userExists = (clerk: ClerkClient, id: string) =>
  clerk.users.getUser(id).then(
    () => true,
    () => false,
  );

/** Refuses, before anything is sent, a write whose metadata would be over Clerk's 8 KB limit. */
export function assertMetadataFits(values: Record<string, unknown>, refusal: string, merged = true): void {
  const fieldErrors = metadataSizeErrors(values, merged);
  if (Object.keys(fieldErrors).length > 0) throw AppError.validation(fieldErrors, refusal);
}

/** A pre-check whose message says why it passes or why it fails. */
export function preCheck(id: string, ok: boolean, pass: string, fail: string): PreCheck {
  return { id, ok, message: ok ? pass : fail };
}

/** A pre-check that always passes: what the write will do, for the admin to read before approving. */
export function note(id: string, message: string): PreCheck {
  return { id, ok: true, message };
}

/** A revoke's pre-check: only a pending invitation can be revoked. */
export function pendingInvitationCheck(
  snap: { status: string; email_address: string },
  what: string,
): PreCheck[] {
  return [
    preCheck(
      "pending",
      snap.status === "pending",
      `${what} for ${snap.email_address} is pending.`,
      `Only pending invitations can be revoked; this one is ${snap.status}.`,
    ),
  ];
}

/**
 * A write named by email or identifier resolves its id again when it runs: refused as stale, nothing
 * written, unless `id` is the one the executor checked (`ctx.checkedTargetId`); `current` is what it read.
 */
export function refuseUnlessChecked(
  ctx: ActionContext,
  type: TargetRef["type"],
  id: string | null,
  current: unknown,
): void {
  if (ctx.checkedTargetId !== undefined && ctx.checkedTargetId !== id) throw staleTarget(type, current);
}
