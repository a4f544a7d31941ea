"use server";
import { revalidatePath } from "next/cache";
import { authorizedAction, type ConsoleAuth } from "@/lib/auth";
import { userFlagInput } from "@/lib/clerk/actions/user-flag";
import { saveMetadata } from "@/lib/console/metadata-save";
import { saveMetadataSchema } from "@/lib/console/metadata-schema";
import { setUserFlag, type UserFlagActionName } from "@/lib/console/user-writes";
import { stale } from "@/lib/errors";

async function flagUser(name: UserFlagActionName, input: { user_id: string }, auth: ConsoleAuth) {
  const status = await setUserFlag(name, input, auth);
  revalidatePath(`/users/${input.user_id}`);
  revalidatePath("/users");
  return status;
}

export const banUserAction = authorizedAction("write", userFlagInput, (input, auth) =>
  flagUser("banUser", input, auth),
);

export const unbanUserAction = authorizedAction("write", userFlagInput, (input, auth) =>
  flagUser("unbanUser", input, auth),
);

export const lockUserAction = authorizedAction("write", userFlagInput, (input, auth) =>
  flagUser("lockUser", input, auth),
);

export const unlockUserAction = authorizedAction("write", userFlagInput, (input, auth) =>
  flagUser("unlockUser", input, auth),
);

/** On a concurrent change: `conflict`, nothing written, and the fresh state to re-diff against. */
export const saveUserMetadataAction = authorizedAction("write", saveMetadataSchema, async (input, auth) => {
  const out = await saveMetadata(input, auth);
  if (!out.saved) return stale(out.message, out.state);
  revalidatePath("/users");
  return out.state;
});
