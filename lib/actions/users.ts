"use server";
import { revalidatePath } from "next/cache";
import { authorizedAction, type ConsoleAuth } from "@/lib/auth";
import { userFlagInput } from "@/lib/clerk/actions/user-flag";
import { actions } from "@/lib/clerk/registry";
import { checkedWrite } from "@/lib/console/audited-write";
import { saveMetadata } from "@/lib/console/metadata-save";
import { saveMetadataSchema } from "@/lib/console/metadata-schema";
import { stale } from "@/lib/errors";

async function flagUser(action: typeof actions.banUser, input: { user_id: string }, auth: ConsoleAuth) {
  const status = await checkedWrite(auth, action, input);
  revalidatePath(`/users/${input.user_id}`);
  revalidatePath("/users");
  return status;
}

export const banUserAction = authorizedAction("write", userFlagInput, (input, auth) =>
  flagUser(actions.banUser, input, auth),
);

export const unbanUserAction = authorizedAction("write", userFlagInput, (input, auth) =>
  flagUser(actions.unbanUser, input, auth),
);

export const lockUserAction = authorizedAction("write", userFlagInput, (input, auth) =>
  flagUser(actions.lockUser, input, auth),
);

export const unlockUserAction = authorizedAction("write", userFlagInput, (input, auth) =>
  flagUser(actions.unlockUser, input, auth),
);

/** On a concurrent change: `conflict`, nothing written, and the fresh state to re-diff against. */
export const saveUserMetadataAction = authorizedAction("write", saveMetadataSchema, async (input, auth) => {
  const out = await saveMetadata(input, auth);
  if (!out.saved) return stale(out.message, out.state);
  revalidatePath("/users");
  return out.state;
});
