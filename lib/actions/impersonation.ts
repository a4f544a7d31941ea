"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth";
import { impersonateUserInput } from "@/lib/clerk/actions/impersonate-user";
import { impersonationsFromAudit } from "@/lib/clerk/actions/list-impersonations";
import { revokeImpersonationInput } from "@/lib/clerk/actions/revoke-impersonation";
import { userIdField } from "@/lib/clerk/actions/shared";
import { actions } from "@/lib/clerk/registry";
import { checkedWrite } from "@/lib/console/audited-write";
import { createApprovedImpersonationLink, requestImpersonation } from "@/lib/console/impersonation-requests";

/**
 * The admin's click is the approval; the executor makes them the actor (act.sub). The link goes back to
 * this admin once; the audit keeps neither it nor its token.
 */
export const impersonateUserAction = authorizedAction(
  "impersonate",
  impersonateUserInput,
  async (input, auth) => {
    const out = await checkedWrite(auth, actions.impersonateUser, input);
    revalidatePath(`/users/${input.user_id}`);
    return { id: out.id, url: out.url, expires_at: out.expires_at };
  },
);

export const revokeImpersonationAction = authorizedAction(
  "revoke_access",
  revokeImpersonationInput,
  async (input, auth) => {
    await checkedWrite(auth, actions.revokeImpersonation, input);
    revalidatePath(`/users/${input.user_id}`);
    return { revoked: true };
  },
);

/** Support: asks for an impersonation; it waits in Approvals until an admin approves it. */
export const requestImpersonationAction = authorizedAction(
  "impersonate",
  impersonateUserInput,
  async (input, auth) => {
    const request = await requestImpersonation(auth, input);
    revalidatePath(`/users/${input.user_id}`);
    return request;
  },
);

/** Support: an approved request becomes the link, once; it goes back to this requester only. */
export const createApprovedImpersonationLinkAction = authorizedAction(
  "impersonate",
  z.strictObject({ approval_id: z.string().regex(/^apr_[A-Za-z0-9]{1,64}$/, "Not an approval id.") }),
  async (input, auth) => {
    const out = await createApprovedImpersonationLink(auth, input.approval_id);
    revalidatePath(`/users/${out.user_id}`);
    return { id: out.id, url: out.url, expires_at: out.expires_at };
  },
);

export const listImpersonationsAction = authorizedAction(
  "read",
  z.strictObject({ user_id: userIdField }),
  async (input) => (await impersonationsFromAudit({ userId: input.user_id })).filter((e) => e.active),
);
