/** Pure rules for undoing an audit entry: which entries can be undone and the inverse of a metadata merge. */
import { deepEqual, isPlainObject, type Metadata, nullPaths } from "@/lib/clerk/metadata";
import { getAction } from "@/lib/clerk/registry";

export const METADATA_KINDS = ["public_metadata", "private_metadata", "unsafe_metadata"] as const;
export type MetadataKindKey = (typeof METADATA_KINDS)[number];

export const FLAG_ACTIONS = {
  banUser: { flag: "banned", value: true, inverse: "unbanUser" },
  unbanUser: { flag: "banned", value: false, inverse: "banUser" },
  lockUser: { flag: "locked", value: true, inverse: "unlockUser" },
  unlockUser: { flag: "locked", value: false, inverse: "lockUser" },
} as const;
export type FlagActionName = keyof typeof FLAG_ACTIONS;
export type UserFlag = "banned" | "locked";

export function flagState(flag: UserFlag, value: boolean): string {
  if (flag === "banned") return value ? "banned" : "not banned";
  return value ? "locked" : "not locked";
}

// The merge inverse lives with the merge (lib/clerk/metadata); actions declare undo rules with it.
export { inverseMetadataPatch, nullPaths } from "@/lib/clerk/metadata";

export type UndoPlan =
  | { ok: true; kind: "metadata"; userId: string; kinds: MetadataKindKey[] }
  | {
      ok: true;
      kind: "flag";
      userId: string;
      flag: UserFlag;
      /** The flag's value after the original write (what the user must still be for the undo to apply). */
      value: boolean;
      inverse: FlagActionName;
    }
  | {
      ok: true;
      kind: "inverse";
      /** The same action, with the input that restores the entry's "before". */
      action: string;
      input: Record<string, unknown>;
      /** The fields the original write set (what must still hold for the undo to apply). */
      fields: string[];
    }
  | { ok: false; reason: string };

interface EntryLike {
  outcome: string;
  action: string;
  targetType: string;
  targetId: string | null;
  arguments: unknown;
  before: unknown;
  after: unknown;
}

const UNDOABLE = "Undo is available for metadata, profile, ban and lock changes.";

const INVERSE_TARGETS = new Set(["user", "organization"]);
/** Input fields that name the target rather than a value the write set. */
const TARGET_KEYS = new Set(["user_id", "organization_id"]);

/** An action's own undo rule (lib/clerk define-action `undo`), if it declares one. */
function declaredUndo(entry: EntryLike): UndoPlan | null {
  const action = getAction(entry.action);
  const rule = action?.kind === "write" ? action.undo : undefined;
  if (!rule) return null;
  if ("reason" in rule) return { ok: false, reason: rule.reason };
  if (!INVERSE_TARGETS.has(entry.targetType) || !entry.targetId)
    return {
      ok: false,
      reason: `The entry names no ${entry.targetType === "organization" ? "organization" : "user"}.`,
    };
  if (!isPlainObject(entry.before) || !isPlainObject(entry.after) || !isPlainObject(entry.arguments)) {
    return { ok: false, reason: "The entry has no before/after state to restore." };
  }
  let input: Record<string, unknown>;
  try {
    input = rule.inverse(entry.arguments, entry.before, entry.after);
  } catch (err) {
    // A rule refuses an entry it cannot invert exactly by throwing (e.g. nulls a merge cannot write back).
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
  const fields = rule.fields ? [...rule.fields] : Object.keys(input).filter((k) => !TARGET_KEYS.has(k));
  if (fields.every((k) => deepEqual(entry.before?.[k as never], entry.after?.[k as never]))) {
    return { ok: false, reason: "This change left the values as they were; there is nothing to undo." };
  }
  return { ok: true, kind: "inverse", action: entry.action, input, fields };
}

/** Decides from the stored entry alone whether (and how) it can be undone; the current state is checked later. */
export function undoPlan(entry: EntryLike): UndoPlan {
  if (entry.outcome !== "ok") {
    return {
      ok: false,
      reason:
        entry.outcome === "pending"
          ? "This change has no recorded outcome yet, so it cannot be undone."
          : "This change failed; there is nothing to undo.",
    };
  }
  const declared = declaredUndo(entry);
  if (declared) return declared;
  const isMetadata = entry.action === "updateUserMetadata";
  const flag = FLAG_ACTIONS[entry.action as FlagActionName] as
    | (typeof FLAG_ACTIONS)[FlagActionName]
    | undefined;
  if (!isMetadata && !flag) return { ok: false, reason: UNDOABLE };
  if (entry.targetType !== "user" || !entry.targetId)
    return { ok: false, reason: "The entry names no user." };
  const { before, after } = entry;
  if (!isPlainObject(before) || !isPlainObject(after)) {
    return { ok: false, reason: "The entry has no before/after state to restore." };
  }
  if (flag) {
    if (before[flag.flag] === flag.value) {
      return {
        ok: false,
        reason: `The user was already ${flagState(flag.flag, flag.value)} before this change; there is nothing to undo.`,
      };
    }
    return {
      ok: true,
      kind: "flag",
      userId: entry.targetId,
      flag: flag.flag,
      value: flag.value,
      inverse: flag.inverse,
    };
  }
  const args = isPlainObject(entry.arguments) ? entry.arguments : {};
  const named = METADATA_KINDS.filter((k) => args[k] !== undefined);
  const kinds = (named.length > 0 ? named : METADATA_KINDS).filter(
    (k) => isPlainObject(before[k]) && isPlainObject(after[k]) && !deepEqual(before[k], after[k]),
  );
  if (kinds.length === 0) {
    return { ok: false, reason: "This change left the metadata as it was; there is nothing to undo." };
  }
  for (const k of kinds) {
    const nulls = nullPaths(before[k] as Metadata);
    if (nulls.length > 0) {
      return {
        ok: false,
        reason: `The earlier ${k.replace("_", " ")} holds null at ${nulls.slice(0, 3).join(", ")}, which Clerk's merge endpoint cannot write back; undo is not possible.`,
      };
    }
  }
  return { ok: true, kind: "metadata", userId: entry.targetId, kinds };
}
