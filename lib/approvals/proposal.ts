// What an approval card shows, built the same way for the chat and the inbox (MCP, REST): the target,
// its before-state (bound to the approval), the preview (diff and pre-checks) and who the target is.
import { lookedUpUser } from "@/lib/auth/resolve-role";
import {
  type ActionContext,
  type PreCheck,
  proposeWrite,
  touchedBefore,
  type WriteAction,
} from "@/lib/clerk/define-action";
import type { MetadataChange } from "@/lib/clerk/metadata";
import { type PublicError, toPublicError } from "@/lib/errors";

export interface CardTarget {
  type: string;
  id: string | null;
  label?: string | null;
}

export interface TargetSummary {
  name: string | null;
  email: string | null;
}

export interface ApprovalPreview {
  before: Record<string, unknown>;
  after: unknown;
  changes: MetadataChange[];
  checks: PreCheck[];
}

export interface ApprovalCardData {
  approvalId: string;
  toolCallId: string;
  toolName: string;
  title: string;
  target: CardTarget | null;
  args: unknown;
  /** `error` when the target's current state could not be read. */
  preview: ApprovalPreview | { error: PublicError } | null;
  targetSummary: TargetSummary | null;
  expiresAt: string;
}

export interface PreparedCard {
  /** The target's state now; the approval is bound to it. */
  snapshot: unknown;
  preview: ApprovalPreview | { error: PublicError };
  target: CardTarget;
  summary: TargetSummary | null;
}

/** Name and email of a user target, for the card (a read; failures leave the card without it). */
async function describeTarget(target: CardTarget, ctx: ActionContext): Promise<TargetSummary | null> {
  if (target.type !== "user" || !target.id) return null;
  try {
    const user = await ctx.clerk.users.getUser(target.id);
    const name = [user.firstName, user.lastName].filter(Boolean).join(" ") || null;
    return { name, email: lookedUpUser(user).email };
  } catch {
    return null;
  }
}

/**
 * Reads the target and previews the write. `tolerant` (the chat) turns a failed read into a card that
 * says so; otherwise (the inbox) the failure is thrown and nothing is proposed.
 */
export async function prepareCard(
  action: WriteAction,
  input: unknown,
  ctx: ActionContext,
  opts: { tolerant: boolean },
): Promise<PreparedCard> {
  const t = action.target(input);
  let snapshot: unknown = null;
  let preview: PreparedCard["preview"];
  try {
    const p = await proposeWrite(action, input, ctx);
    snapshot = p.before;
    preview = {
      before: touchedBefore(p.before, p.after),
      after: p.after,
      changes: p.changes,
      checks: p.checks,
    };
  } catch (err) {
    if (!opts.tolerant) throw err;
    preview = { error: toPublicError(err) };
  }
  const bare: CardTarget = { type: t.type, id: t.id ?? null };
  const summary = await describeTarget(bare, ctx);
  return {
    snapshot,
    preview,
    target: { ...bare, label: t.email ?? summary?.email ?? summary?.name ?? null },
    summary,
  };
}
