import { z } from "zod";
import { AppError } from "@/lib/errors";
import { defineAction, type PreCheck } from "../define-action";
import type { Metadata } from "../metadata";
import { primaryEmail, userMetadata } from "../projections";
import { note, orNotFound, orNull, userIdField } from "./shared";

export const deleteUserInput = z.strictObject({ user_id: userIdField });

/** Everything the delete loses, read before it: shown on the card and kept by the audit as its "before". */
export type DeleteUserSnapshot =
  | { exists: false }
  | {
      exists: true;
      name: string | null;
      username: string | null;
      primary_email: string | null;
      email_addresses: string[];
      phone_numbers: string[];
      active_sessions: number;
      organizations: { id: string; name: string; role: string }[];
      public_metadata: Metadata;
      private_metadata: Metadata;
      unsafe_metadata: Metadata;
      created_at: number;
      updated_at: number;
    };

const keys = (m: Metadata) => Object.keys(m).length;

function losses(snap: Extract<DeleteUserSnapshot, { exists: true }>): PreCheck[] {
  const orgs = snap.organizations.map((o) => `${o.name} (${o.role})`);
  const meta = (["public", "private", "unsafe"] as const)
    .map((k) => [k, keys(snap[`${k}_metadata`])] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} (${n} key${n === 1 ? "" : "s"})`);
  return [
    note("loses_emails", `Email addresses deleted: ${snap.email_addresses.join(", ") || "none"}.`),
    ...(snap.phone_numbers.length > 0
      ? [note("loses_phones", `Phone numbers deleted: ${snap.phone_numbers.join(", ")}.`)]
      : []),
    note("loses_sessions", `Active sessions ended: ${snap.active_sessions}.`),
    note("loses_organizations", `Organization memberships removed: ${orgs.join(", ") || "none"}.`),
    note("loses_metadata", `Metadata deleted: ${meta.join(", ") || "none"}.`),
    note("irreversible", "This cannot be undone; the audit log keeps this snapshot."),
  ];
}

export const deleteUser = defineAction({
  name: "deleteUser",
  title: "Delete user",
  description:
    "Permanently delete a Clerk user: their email addresses, phone numbers, sessions, organization memberships and metadata are gone. Cannot be undone (the audit log keeps a snapshot). Needs human approval; in the console the admin types the user's email to approve.",
  kind: "write",
  input: deleteUserInput,
  target: (input) => ({ type: "user", id: input.user_id }),
  snapshot: async (input, { clerk }): Promise<DeleteUserSnapshot> => {
    const user = await orNull(clerk.users.getUser(input.user_id));
    // "Gone" is a state too: it is what a delete whose answer was lost is settled against.
    if (!user) return { exists: false };
    const [sessions, memberships] = await Promise.all([
      clerk.sessions.getSessionList({ userId: user.id, status: "active", limit: 500 }),
      clerk.users.getOrganizationMembershipList({ userId: user.id, limit: 100 }),
    ]);
    return {
      exists: true,
      name: [user.firstName, user.lastName].filter(Boolean).join(" ") || null,
      username: user.username,
      primary_email: primaryEmail(user),
      email_addresses: user.emailAddresses.map((e) => e.emailAddress),
      phone_numbers: user.phoneNumbers.map((p) => p.phoneNumber),
      active_sessions: sessions.data.length,
      organizations: memberships.data
        .map((m) => ({ id: m.organization.id, name: m.organization.name, role: m.role }))
        .sort((a, b) => a.id.localeCompare(b.id)),
      ...userMetadata(user),
      created_at: user.createdAt,
      updated_at: user.updatedAt,
    };
  },
  preview: (input, snap) => {
    if (!snap.exists) throw AppError.notFound("User", input.user_id);
    return { exists: false };
  },
  checks: (_input, snap) =>
    snap.exists ? losses(snap) : [{ id: "exists", ok: false, message: "The user no longer exists." }],
  applied: (_input, current) => !current.exists,
  undo: {
    reason:
      "A deleted user cannot be restored: Clerk removed the account with its email addresses, sessions and memberships. The audit entry keeps what it held before.",
  },
  run: async (input, { clerk }) => {
    await orNotFound(clerk.users.deleteUser(input.user_id), "User", input.user_id);
    return { id: input.user_id, deleted: true };
  },
});
