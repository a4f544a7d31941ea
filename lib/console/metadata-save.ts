import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth";
import { updateUserMetadata } from "@/lib/clerk/actions/update-user-metadata";
import { isStaleTarget, type WriteAction } from "@/lib/clerk/define-action";
import { AppError } from "@/lib/errors";
import { auditedWrite, proposeConsoleWrite } from "./audited-write";
import { CONFLICT_MESSAGE, type MetadataState, parseMetadataInput } from "./metadata-input";
import type { saveMetadataSchema } from "./metadata-schema";

export type SaveMetadataOutcome =
  | { saved: true; state: MetadataState }
  | { saved: false; message: string; state: MetadataState };

/** A user's or an organization's metadata as its write action reads it (organizations have no unsafe). */
type MetadataSnapshot = {
  updated_at: number;
  public_metadata: Record<string, unknown>;
  private_metadata: Record<string, unknown>;
  unsafe_metadata?: Record<string, unknown>;
};

function toState(s: MetadataSnapshot): MetadataState {
  return {
    updatedAt: s.updated_at,
    public: s.public_metadata,
    private: s.private_metadata,
    unsafe: s.unsafe_metadata ?? {},
  };
}

/**
 * Optimistic concurrency over Clerk's merge endpoint: the editor sends the `updated_at` it diffed against;
 * if the user has changed since, nothing is written and the fresh state goes back so the UI can re-diff.
 * The write executor re-reads the user under the user's write lock, so of two admins saving at once the
 * second sees the first's change and gets this same answer. Only a change made outside the console (the
 * Clerk dashboard, the user's own browser for unsafe metadata) can still land between that re-read and
 * the PATCH: Clerk has no conditional PATCH.
 */
export async function saveMetadataOf(
  action: WriteAction,
  target: Record<string, string>,
  input: { kind: string; patch: string; expected_updated_at: number },
  actor: Actor,
  conflictMessage: string,
): Promise<SaveMetadataOutcome> {
  const parsed = parseMetadataInput(input.patch);
  if (!parsed.ok) throw AppError.validation({ patch: [parsed.error] }, parsed.error);
  const actionInput = { ...target, [`${input.kind}_metadata`]: parsed.value };
  const proposal = await proposeConsoleWrite(action, actionInput);
  const before = proposal.before as MetadataSnapshot;
  if (before.updated_at !== input.expected_updated_at) {
    return { saved: false, message: conflictMessage, state: toState(before) };
  }
  const failed = proposal.checks.filter((c) => !c.ok).map((c) => c.message);
  if (failed.length > 0) throw AppError.validation({ patch: failed }, failed[0]);
  try {
    const out = await auditedWrite(actor, action, actionInput, { proposal });
    return { saved: true, state: toState(out as MetadataSnapshot) };
  } catch (err) {
    if (!isStaleTarget(err)) throw err;
    return {
      saved: false,
      message: conflictMessage,
      state: toState(err.details?.current as MetadataSnapshot),
    };
  }
}

export function saveMetadata(
  input: z.output<typeof saveMetadataSchema>,
  actor: Actor,
): Promise<SaveMetadataOutcome> {
  return saveMetadataOf(updateUserMetadata, { user_id: input.user_id }, input, actor, CONFLICT_MESSAGE);
}
