import { type ActionContext, type AnyAction, runAction } from "@/lib/clerk/define-action";
import { diffMetadata, isPlainObject } from "@/lib/clerk/metadata";
import { actionList } from "@/lib/clerk/registry";
import type { AgentAction, AgentTarget } from "./action-types";

export interface ApprovalPreview {
  before: Record<string, unknown>;
  after: unknown;
  changes: ReturnType<typeof diffMetadata>;
  checks: { id: string; ok: boolean; message: string }[];
}

/** lib/clerk actions as agent tools: same schema, same run path (runAction: validation, read retries). */
export function toAgentAction(action: AnyAction): AgentAction<ActionContext> {
  const base: AgentAction<ActionContext> = {
    name: action.name,
    title: action.title,
    description: action.description,
    kind: action.kind,
    input: action.input,
    run: (input, ctx) => runAction(action, input, ctx),
  };
  if (action.kind === "read") return base;
  return {
    ...base,
    target: (input): AgentTarget => {
      const t = action.target(input);
      return { type: t.type, id: t.id ?? null, label: t.email ?? null };
    },
    snapshot: (input, ctx) => action.snapshot(input, ctx),
    describe: (input, ctx) => {
      const t = action.target(input);
      return describeUserTarget({ type: t.type, id: t.id ?? null }, ctx);
    },
    preview: (input, snapshot): ApprovalPreview => {
      const after = action.preview(input, snapshot);
      const before = touched(snapshot, after);
      return {
        before,
        after,
        changes: isPlainObject(after) ? diffMetadata(before, after) : [],
        checks: action.checks?.(input, snapshot) ?? [],
      };
    },
  };
}

function touched(snapshot: unknown, after: unknown): Record<string, unknown> {
  if (!isPlainObject(after) || !isPlainObject(snapshot)) return isPlainObject(snapshot) ? snapshot : {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after)) if (Object.hasOwn(snapshot, key)) out[key] = snapshot[key];
  return out;
}

/** Name and email of a user target, for the approval card (a read; failures leave the card without it). */
export async function describeUserTarget(
  target: AgentTarget | null,
  ctx: ActionContext,
): Promise<{ name: string | null; email: string | null } | null> {
  if (target?.type !== "user" || !target.id) return null;
  try {
    const user = await ctx.clerk.users.getUser(target.id);
    const primary =
      user.emailAddresses.find((e) => e.id === user.primaryEmailAddressId) ?? user.emailAddresses[0];
    const name = [user.firstName, user.lastName].filter(Boolean).join(" ") || null;
    return { name, email: primary?.emailAddress ?? null };
  } catch {
    return null;
  }
}

/** Every console action, as the agent sees it. */
export const agentActions: readonly AgentAction<ActionContext>[] = actionList.map(toAgentAction);
