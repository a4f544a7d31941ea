import type { z } from "zod";
import type { ApprovalPreview } from "./clerk-actions";

/**
 * The shape of a lib/clerk action as the agent uses it. lib/clerk's `defineAction` produces a
 * superset of this; keeping the agent's view structural means the adapter has no hidden coupling.
 */
export interface AgentTarget {
  type: string;
  id: string | null;
  label?: string | null;
}

export interface AgentAction<Ctx = unknown> {
  name: string;
  title: string;
  description: string;
  kind: "read" | "write";
  // biome-ignore lint/suspicious/noExplicitAny: each action has its own input type; the registry is heterogeneous
  input: z.ZodType<any>;
  // biome-ignore lint/suspicious/noExplicitAny: see above
  run(input: any, ctx: Ctx): Promise<unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: see above
  target?(input: any): AgentTarget | string | null | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: see above
  snapshot?(input: any, ctx: Ctx): Promise<unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: see above
  preview?(input: any, snapshot: any): ApprovalPreview;
  /** Name and email of the target for the approval card; not part of the bound state. */
  // biome-ignore lint/suspicious/noExplicitAny: see above
  describe?(input: any, ctx: Ctx): Promise<{ name: string | null; email: string | null } | null>;
}

export type AgentRole = "admin" | "viewer" | "none";

export interface AgentAuth {
  userId: string;
  email: string | null;
  role: AgentRole;
}
