import type { Invitation } from "@clerk/backend";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { type ActionContext, defineAction, preWriteRead, type TargetRef } from "../define-action";
import { toInvitationSummary } from "../projections";
import {
  exactlyOne,
  invitationIdField,
  orNotFound,
  pendingInvitationCheck,
  refuseUnlessChecked,
} from "./shared";

export const revokeInvitationInput = exactlyOne(
  z.strictObject({
    email_address: z
      .email()
      .max(320)
      .optional()
      .describe("The email the pending invitation was sent to (any case); instead of invitation_id."),
    invitation_id: invitationIdField
      .optional()
      .describe(
        "The invitation's id (the Invitations page, REST and MCP lists give it); instead of email_address.",
      ),
  }),
  "email_address",
  "invitation_id",
);

type Input = z.output<typeof revokeInvitationInput>;
type Clerk = ActionContext["clerk"];

interface RevokeSnapshot {
  /** Null when no invitation was ever sent to the email named. */
  invitation_id: string | null;
  status: string;
  email_address: string;
  updated_at: number | null;
}

const snapshotOf = (inv: Invitation): RevokeSnapshot => ({
  invitation_id: inv.id,
  status: inv.status,
  email_address: inv.emailAddress,
  updated_at: inv.updatedAt,
});

/** Compared as createInvitation compares: Clerk keeps an invitation's email as given, matching ignores case. */
const emailKey = (input: Input) => (input.email_address ?? "").toLowerCase();

function revokeTarget(input: Input): TargetRef {
  return input.invitation_id !== undefined
    ? { type: "invitation", id: input.invitation_id }
    : { type: "invitation", email: emailKey(input) };
}

// The SDK has no single-invitation getter; BAPI's list `query` matches ids too.
async function findInvitation(clerk: Clerk, id: string) {
  const { data } = await clerk.invitations.getInvitationList({ query: id, limit: 10 });
  const inv = data.find((i) => i.id === id);
  if (!inv) throw AppError.notFound("Invitation", id);
  return inv;
}

const PAGE = 100;

/**
 * The invitations sent to exactly this email, page after page of Clerk's list filtered by `query`, which
 * matches part of an email (a@x.test also finds anna@x.test); `enough` stops the paging early.
 */
async function sentTo(
  clerk: Clerk,
  email: string,
  status: "pending" | undefined,
  enough: (sent: Invitation[]) => boolean,
): Promise<Invitation[]> {
  const sent: Invitation[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { data } = await clerk.invitations.getInvitationList({
      query: email,
      ...(status ? { status } : {}),
      orderBy: "-created_at",
      limit: PAGE,
      offset,
    });
    sent.push(...data.filter((i) => i.emailAddress.toLowerCase() === email));
    if (data.length < PAGE || enough(sent)) return sent;
  }
}

/**
 * The pending invitation sent to this email; with none pending, its newest invitation of any status,
 * so a fresh read after the revoke shows it revoked (a lost outcome is settled by `applied`).
 */
async function invitationByEmail(clerk: Clerk, email: string): Promise<RevokeSnapshot> {
  // Every pending one, however many the query matches: a second one makes the email ambiguous.
  const pending = await sentTo(clerk, email, "pending", () => false);
  if (pending.length > 1) {
    // Clerk refuses a second pending invitation for an email unless it was sent with ignore_existing.
    const ids = pending.map((i) => i.id).join(", ");
    throw AppError.validation(
      {
        email_address: [
          `${email} has ${pending.length} pending invitations (${ids}); give invitation_id instead.`,
        ],
      },
      `${email} has more than one pending invitation.`,
    );
  }
  const inv = pending[0] ?? (await sentTo(clerk, email, undefined, (sent) => sent.length > 0))[0];
  if (!inv) return { invitation_id: null, status: "none", email_address: email, updated_at: null };
  return snapshotOf(inv);
}

async function revokeSnapshot(clerk: Clerk, input: Input): Promise<RevokeSnapshot> {
  if (input.invitation_id === undefined) return invitationByEmail(clerk, emailKey(input));
  return snapshotOf(await findInvitation(clerk, input.invitation_id));
}

/** A revoke named by email has nothing to act on unless that email's invitation is pending. */
function refuseNonePending(input: Input, snap: RevokeSnapshot): void {
  if (input.invitation_id === undefined && snap.status !== "pending")
    throw AppError.notFound("Pending invitation", emailKey(input));
}

/** The id Clerk revokes by, read afresh for a revoke named by email: the checked one, or refused. */
async function pendingId(ctx: ActionContext, input: Input): Promise<string> {
  const snap = await preWriteRead(() => revokeSnapshot(ctx.clerk, input), "revokeInvitation.current");
  refuseNonePending(input, snap);
  refuseUnlessChecked(ctx, "invitation", snap.invitation_id, snap);
  return snap.invitation_id as string;
}

export const revokeInvitation = defineAction({
  name: "revokeInvitation",
  title: "Revoke invitation",
  description:
    "Revoke a pending invitation so its link stops working, named by the email it was sent to (email_address, as listInvitations shows it) or by its invitation_id. Needs human approval.",
  kind: "write",
  input: revokeInvitationInput,
  target: revokeTarget,
  snapshot: (input, { clerk }) => revokeSnapshot(clerk, input),
  preview: (input, snap) => {
    refuseNonePending(input, snap);
    return { status: "revoked" };
  },
  checks: (_input, snap) => pendingInvitationCheck(snap, "Invitation"),
  applied: (_input, current) => current.status === "revoked",
  snapshotId: (snap) => snap.invitation_id,
  run: async (input, ctx) => {
    const id = input.invitation_id ?? (await pendingId(ctx, input));
    return toInvitationSummary(
      await orNotFound(ctx.clerk.invitations.revokeInvitation(id), "Invitation", id),
    );
  },
});
