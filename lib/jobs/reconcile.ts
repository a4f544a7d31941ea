import { updateUserMetadata } from "@/lib/clerk/actions/update-user-metadata";
import { deepEqual, isPlainObject } from "@/lib/clerk/metadata";

/**
 * Whether a target's current state already contains the job's change: the metadata patch merged into
 * the current value changes nothing, or a pending invitation for the email exists.
 */
export function afterStateHolds(action: string, args: unknown, current: unknown): boolean {
  if (!isPlainObject(current)) return false;
  if (action === "updateUserMetadata") {
    const after = updateUserMetadata.preview(args as never, current as never);
    return Object.entries(after).every(([kind, value]) => deepEqual(value, current[kind]));
  }
  if (action === "createInvitation") return typeof current.pending_invitation_id === "string";
  return false;
}
