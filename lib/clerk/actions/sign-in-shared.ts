import type { User } from "@clerk/backend";
import { z } from "zod";
import type { SignInRow } from "@/lib/db/schema";
import type { ClerkClient } from "../client";
import { isoToMillis } from "../iso-date";
import { toUserSummary } from "../projections";
import { dateField } from "./user-filters";

export const signInWindowShape = {
  from: dateField("Sign-ins at or after this time (e.g. an hour ago for “the last hour”)"),
  to: dateField("Sign-ins before this time. Default: now"),
};

/** The window's bounds as given: an open side stays open. */
export function windowOf(input: { from?: string; to?: string }): { from?: Date; to?: Date } {
  const from = input.from ? isoToMillis(input.from) : undefined;
  const to = input.to ? isoToMillis(input.to) : undefined;
  return {
    ...(from !== undefined ? { from: new Date(from) } : {}),
    ...(to !== undefined ? { to: new Date(to) } : {}),
  };
}

/** The window closed on both sides: `to` defaults to now, `from` to `defaultSpanMs` before `to`. */
export function spanOf(
  input: { from?: string; to?: string },
  defaultSpanMs: number,
  now = Date.now(),
): { from: Date; to: Date } {
  const w = windowOf(input);
  const to = w.to ?? new Date(now);
  return { from: w.from ?? new Date(to.getTime() - defaultSpanMs), to };
}

export const moreThanField = z
  .int()
  .min(1)
  .max(20)
  .optional()
  .describe("Flag users with more than this many distinct locations or devices in the window. Default 2.");

/**
 * Primary emails of these users in one Backend API call per 100 (unknown ids are simply absent);
 * `onUser` sees each user read.
 */
export async function emailsOf(
  clerk: ClerkClient,
  userIds: string[],
  onUser?: (user: User) => void,
): Promise<Map<string, string | null>> {
  const ids = [...new Set(userIds)];
  const out = new Map<string, string | null>();
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const { data } = await clerk.users.getUserList({ userId: chunk, limit: chunk.length });
    for (const u of data) {
      onUser?.(u);
      out.set(u.id, toUserSummary(u).primary_email);
    }
  }
  return out;
}

export type SignInView = ReturnType<typeof signInView>;

export function signInView(row: SignInRow, emails: Map<string, string | null>) {
  return {
    session_id: row.sessionId,
    user_id: row.userId,
    user_email: emails.get(row.userId) ?? null,
    signed_in_at: row.signedInAt.getTime(),
    /** The same instant to the second, ISO 8601: the model's view turns `_at` times into days. */
    when: `${row.signedInAt.toISOString().slice(0, 19)}Z`,
    status: row.status,
    device_type: row.deviceType,
    is_mobile: row.isMobile,
    browser: [row.browserName, row.browserVersion].filter(Boolean).join(" ") || null,
    ip_address: row.ipAddress,
    city: row.city,
    country: row.country,
    impersonated_by: row.actorId,
  };
}
