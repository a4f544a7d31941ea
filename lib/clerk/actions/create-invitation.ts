import { z } from "zod";
import { AppError } from "@/lib/errors";
import { defineAction, type PreCheck, preWriteRead } from "../define-action";
import { METADATA_LIMIT_BYTES, type Metadata, metadataBytes } from "../metadata";
import { isNumber, rawField } from "../projections";
import { allowlistWarning, blockedBy, blocklistCheck, outsideAllowlist } from "./access-list-shared";
import { refuseFailedChecks } from "./organization-shared";
import { expiresInDaysField, preCheck } from "./shared";

export const createInvitationInput = z.strictObject({
  email: z.email().max(320).describe("Email address of the person to invite."),
  public_metadata: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Public metadata the user gets when they accept, e.g. {"role": "editor"}. Max 8 KB.'),
  redirect_url: z
    .string()
    .max(2048)
    .regex(/^(https?:\/\/|\/)/, "Must be an absolute http(s) URL or a path starting with /.")
    .optional()
    .describe("Where the invitee lands after accepting: a full http(s) URL or a path."),
  notify: z.boolean().optional().describe("Send the invitation email. Default true."),
  expires_in_days: expiresInDaysField(" Default 30."),
  ignore_existing: z
    .boolean()
    .optional()
    .describe("Create it even if a pending invitation for this email exists. Default false."),
});

type Input = z.output<typeof createInvitationInput>;

export interface InvitationPreChecks {
  existing_user_id: string | null;
  pending_invitation_id: string | null;
  /** The block-list entry covering the email (Clerk would refuse the sign-up). */
  blocked_by: string | null;
  /** Present (true) only when the allow-list is on and does not cover the email. */
  outside_allowlist?: true;
}

function preview(input: Input) {
  return {
    email_address: input.email,
    public_metadata: input.public_metadata ?? {},
    redirect_url: input.redirect_url ?? null,
    notify: input.notify ?? true,
    expires_in_days: input.expires_in_days ?? 30,
    status: "pending",
  };
}

function checks(input: Input, snap: InvitationPreChecks): PreCheck[] {
  const out: PreCheck[] = [
    preCheck(
      "existing_user",
      snap.existing_user_id === null,
      `No user has ${input.email} yet.`,
      `A user with ${input.email} already exists (${snap.existing_user_id}).`,
    ),
    {
      id: "pending_invitation",
      ok: snap.pending_invitation_id === null || input.ignore_existing === true,
      message: snap.pending_invitation_id
        ? `${input.email} already has a pending invitation (${snap.pending_invitation_id}).`
        : `No pending invitation for ${input.email}.`,
    },
    blocklistCheck(input.email, snap.blocked_by ?? null),
  ];
  if (snap.outside_allowlist) out.push(allowlistWarning(input.email));
  if (input.public_metadata) {
    const bytes = metadataBytes(input.public_metadata);
    out.push({
      id: "public_metadata.size",
      ok: bytes <= METADATA_LIMIT_BYTES,
      message: `public_metadata: ${bytes} of ${METADATA_LIMIT_BYTES} bytes.`,
    });
  }
  return out;
}

export const createInvitation = defineAction({
  name: "createInvitation",
  title: "Invite user",
  description:
    "Invite someone by email to sign up, optionally with public metadata (e.g. a role) and a redirect URL. Refused if a user with that email exists or an invitation is pending. Needs human approval.",
  kind: "write",
  input: createInvitationInput,
  fieldAliases: { email_address: "email" },
  target: (input) => ({ type: "invitation", email: input.email }),
  snapshot: async (input, ctx): Promise<InvitationPreChecks> => {
    const { clerk } = ctx;
    const email = input.email.toLowerCase();
    const [users, invitations, blocked, outside] = await Promise.all([
      clerk.users.getUserList({ emailAddress: [input.email], limit: 1 }),
      clerk.invitations.getInvitationList({ query: input.email, status: "pending", limit: 100 }),
      blockedBy(ctx, input.email),
      outsideAllowlist(ctx, input.email),
    ]);
    const pending = invitations.data.find((i) => i.emailAddress.toLowerCase() === email);
    return {
      existing_user_id: users.data[0]?.id ?? null,
      pending_invitation_id: pending?.id ?? null,
      blocked_by: blocked,
      ...(outside ? { outside_allowlist: true as const } : {}),
    };
  },
  preview: (input) => preview(input),
  checks,
  applied: (_input, current) => current.pending_invitation_id !== null,
  run: async (input, ctx) => {
    const { clerk } = ctx;
    if (input.public_metadata && metadataBytes(input.public_metadata) > METADATA_LIMIT_BYTES) {
      throw AppError.validation({
        public_metadata: [`public_metadata is over Clerk's ${METADATA_LIMIT_BYTES}-byte limit.`],
      });
    }
    const blocked = await preWriteRead(() => blockedBy(ctx, input.email), "createInvitation.blocklist");
    refuseFailedChecks([blocklistCheck(input.email, blocked)], "The invitation cannot be sent:", "email");
    const inv = await clerk.invitations.createInvitation({
      emailAddress: input.email,
      publicMetadata: input.public_metadata as Metadata | undefined,
      redirectUrl: input.redirect_url,
      notify: input.notify ?? true,
      expiresInDays: input.expires_in_days,
      ignoreExisting: input.ignore_existing,
    });
    return {
      id: inv.id,
      email_address: inv.emailAddress,
      status: inv.status,
      expires_at: rawField(inv.raw, "expires_at", isNumber),
      ...(inv.url ? { url: inv.url } : {}),
    };
  },
});
