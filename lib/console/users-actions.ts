"use server";
import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth";
import { revokeSessionInput } from "@/lib/clerk/actions/revoke-session";
import { userFlagInput } from "@/lib/clerk/actions/user-flag";
import type { ActionResult, PublicError } from "@/lib/errors";
import type { MetadataState } from "./metadata-input";
import { saveMetadata } from "./metadata-save";
import { saveMetadataSchema } from "./metadata-schema";
import { endSession, setUserFlag, type UserFlagActionName } from "./user-writes";

const flag = (name: UserFlagActionName) =>
  authorizedAction("write", userFlagInput, async (input, auth) => {
    const status = await setUserFlag(name, input, auth);
    revalidatePath(`/users/${input.user_id}`);
    revalidatePath("/users");
    return status;
  });

const ban = flag("banUser");
const unban = flag("unbanUser");
const lock = flag("lockUser");
const unlock = flag("unlockUser");

export async function banUserAction(input: unknown) {
  return ban(input as never);
}
export async function unbanUserAction(input: unknown) {
  return unban(input as never);
}
export async function lockUserAction(input: unknown) {
  return lock(input as never);
}
export async function unlockUserAction(input: unknown) {
  return unlock(input as never);
}

const revoke = authorizedAction("write", revokeSessionInput, async (input, auth) => {
  const session = await endSession(input, auth);
  revalidatePath(`/users/${session.user_id}`);
  return { id: session.id, status: session.status };
});

export async function revokeUserSessionAction(input: unknown) {
  return revoke(input as never);
}

const save = authorizedAction("write", saveMetadataSchema, (input, auth) => saveMetadata(input, auth));

export type SaveMetadataResult =
  | { ok: true; data: MetadataState }
  | { ok: false; error: PublicError; fresh?: MetadataState };

/** On a concurrent change: `conflict`, nothing written, and the fresh state to re-diff against. */
export async function saveUserMetadataAction(input: unknown): Promise<SaveMetadataResult> {
  const r: ActionResult<Awaited<ReturnType<typeof saveMetadata>>> = await save(input as never);
  if (!r.ok) return r;
  if (!r.data.saved)
    return { ok: false, error: { code: "conflict", message: r.data.message }, fresh: r.data.state };
  revalidatePath("/users");
  return { ok: true, data: r.data.state };
}
