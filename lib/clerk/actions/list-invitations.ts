import { z } from "zod";
import { defineAction } from "../define-action";
import { bothDirections } from "../order";
import { toInvitationSummary } from "../projections";
import { limitField, offsetField, orderByField, pageOf } from "./shared";

export const INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;
const ORDER = bothDirections(["created_at", "email_address", "expires_at"]);

export const listInvitationsInput = z.strictObject({
  status: z.enum(INVITATION_STATUSES).optional().describe("Only invitations with this status. Default: all."),
  query: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe("Search by email address (partial) or invitation id."),
  limit: limitField,
  offset: offsetField,
  order_by: orderByField(ORDER),
});

export const listInvitations = defineAction({
  name: "listInvitations",
  title: "List invitations",
  description:
    "List invitations, newest first, optionally filtered by status or searched by email. Returns a page and total_count. A pending one is revoked by its email (revokeInvitation email_address).",
  kind: "read",
  input: listInvitationsInput,
  run: async (input, { clerk }) => {
    const { data, totalCount } = await clerk.invitations.getInvitationList({
      status: input.status,
      query: input.query || undefined,
      ...pageOf(input),
      orderBy: input.order_by,
    });
    return { invitations: data.map(toInvitationSummary), total_count: totalCount };
  },
});
