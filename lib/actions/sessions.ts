"use server";
import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth";
import { revokeSession, revokeSessionInput } from "@/lib/clerk/actions/revoke-session";
import { checkedWrite } from "@/lib/console/audited-write";

/**
 * Admins and support (lib/auth/policy `revoke_access`): ends a Clerk session (audited; refused when it is no longer active). The browser holding it is
 * signed out within one token lifetime.
 */
export const revokeSessionAction = authorizedAction(
  "revoke_access",
  revokeSessionInput,
  async (input, auth) => {
    const session = await checkedWrite(auth, revokeSession, input);
    revalidatePath(`/users/${session.user_id}`);
    return { id: session.id, status: session.status };
  },
);
