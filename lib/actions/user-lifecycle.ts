"use server";
import { revalidatePath } from "next/cache";
import { authorizedAction, type ConsoleAuth } from "@/lib/auth";
import { createSignInTokenInput } from "@/lib/clerk/actions/create-sign-in-token";
import { createUserInput } from "@/lib/clerk/actions/create-user";
import { disableMfaInput } from "@/lib/clerk/actions/disable-mfa";
import { removeProfileImageInput } from "@/lib/clerk/actions/remove-profile-image";
import { revokeAllSessionsInput } from "@/lib/clerk/actions/revoke-all-sessions";
import { setPasswordInput } from "@/lib/clerk/actions/set-password";
import { updateUserProfileInput } from "@/lib/clerk/actions/update-user-profile";
import type { WriteAction } from "@/lib/clerk/define-action";
import { actions } from "@/lib/clerk/registry";
import { checkedWrite } from "@/lib/console/audited-write";
import {
  changeIdentifier,
  deleteUserConsoleInput,
  deleteUserTyped,
  identifierChangeInput,
} from "@/lib/console/user-lifecycle";

async function userWrite(action: WriteAction, input: { user_id: string }, auth: ConsoleAuth) {
  const out = await checkedWrite(auth, action, input);
  revalidatePath(`/users/${input.user_id}`);
  return out;
}

export const createUserAction = authorizedAction("write", createUserInput, async (input, auth) => {
  const user = await checkedWrite(auth, actions.createUser, input);
  revalidatePath("/users");
  return { id: user.id };
});

export const updateUserProfileAction = authorizedAction("write", updateUserProfileInput, (input, auth) =>
  userWrite(actions.updateUserProfile, input, auth),
);

export const setPasswordAction = authorizedAction("write", setPasswordInput, async (input, auth) => {
  await userWrite(actions.setPassword, input, auth);
  return { ok: true };
});

export const revokeAllSessionsAction = authorizedAction(
  "revoke_access",
  revokeAllSessionsInput,
  (input, auth) => userWrite(actions.revokeAllSessions, input, auth),
);

export const disableMfaAction = authorizedAction("write", disableMfaInput, (input, auth) =>
  userWrite(actions.disableMfa, input, auth),
);

export const removeProfileImageAction = authorizedAction("write", removeProfileImageInput, (input, auth) =>
  userWrite(actions.removeProfileImage, input, auth),
);

/** The link goes back to this admin once; the audit keeps neither it nor its token. */
export const createSignInTokenAction = authorizedAction(
  "sign_in_links",
  createSignInTokenInput,
  async (input, auth) => {
    const out = await checkedWrite(auth, actions.createSignInToken, input);
    return { url: out.url, expires_at: out.expires_at };
  },
);

export const deleteUserAction = authorizedAction("write", deleteUserConsoleInput, async (input, auth) => {
  await deleteUserTyped(input, auth);
  revalidatePath("/users");
  return { deleted: true };
});

export const changeIdentifierAction = authorizedAction(
  "write",
  identifierChangeInput,
  async (input, auth) => {
    await changeIdentifier(input, auth);
    revalidatePath(`/users/${input.user_id}`);
    return { ok: true };
  },
);
