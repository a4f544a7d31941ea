import {
  isStepCount,
  type LanguageModel,
  type ModelMessage,
  streamText,
  type ToolApprovalResponse,
  type ToolSet,
  tool,
} from "ai";
import type { z } from "zod";
import { modelView, REDACTED, untrustedEnvelope } from "@/lib/agent/redact";
import { TOOL_VIEWS } from "@/lib/agent/tool-views";
import { countUsersInput } from "@/lib/clerk/actions/count-users";
import { createInvitationInput } from "@/lib/clerk/actions/create-invitation";
import { getUserInput } from "@/lib/clerk/actions/get-user";
import { listInvitationsInput } from "@/lib/clerk/actions/list-invitations";
import { listSessionsInput } from "@/lib/clerk/actions/list-sessions";
import { listUsersInput } from "@/lib/clerk/actions/list-users";
import { revokeInvitationInput } from "@/lib/clerk/actions/revoke-invitation";
import { revokeSessionInput } from "@/lib/clerk/actions/revoke-session";
import { updateUserMetadataInput } from "@/lib/clerk/actions/update-user-metadata";
import { userFlagInput } from "@/lib/clerk/actions/user-flag";

/**
 * Test-only: the console's tool set (same names and the real zod input schemas from lib/clerk) over a
 * small in-memory user store, for tests whose subject is the *model* rather than Clerk. Results have
 * the compact shapes lib/agent/tools.ts gives the model, inside the same untrusted envelope.
 */

export type StandInUser = {
  id: string;
  first_name?: string;
  last_name?: string;
  email: string;
  public_metadata: Record<string, unknown>;
  private_metadata: Record<string, unknown>;
  banned: boolean;
  locked: boolean;
  created_at: number;
};
export type StandInInvitation = {
  id: string;
  email_address: string;
  status: string;
  public_metadata: Record<string, unknown>;
};
export type StandInSession = { id: string; user_id: string; status: string };

export const WRITE_TOOLS = [
  "updateUserMetadata",
  "createInvitation",
  "revokeInvitation",
  "revokeSession",
  "banUser",
  "unbanUser",
  "lockUser",
  "unlockUser",
] as const;

type Json = Record<string, unknown>;

function merge(target: Json, patch: Json): Json {
  const out: Json = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (typeof v === "object" && !Array.isArray(v) && typeof out[k] === "object" && out[k] !== null) {
      out[k] = merge(out[k] as Json, v as Json);
    } else out[k] = v;
  }
  return out;
}

export function createStandInClerk(seed: {
  users?: StandInUser[];
  invitations?: StandInInvitation[];
  sessions?: StandInSession[];
}) {
  const state = {
    users: structuredClone(seed.users ?? []),
    invitations: structuredClone(seed.invitations ?? []),
    sessions: structuredClone(seed.sessions ?? []),
  };
  const executed: Array<{ toolName: string; input: unknown }> = [];
  const summary = (u: StandInUser) => ({
    id: u.id,
    first_name: u.first_name,
    last_name: u.last_name,
    primary_email: u.email,
    email_addresses: [u.email],
    created_at: u.created_at,
    banned: u.banned,
    locked: u.locked,
    public_metadata: u.public_metadata,
    private_metadata: REDACTED,
  });
  const notFound = (what: string, id: string) => ({
    error: { code: "not_found", message: `${what} ${id} not found` },
  });
  const userById = (id: string) => state.users.find((u) => u.id === id);
  const matches = (u: StandInUser, q?: string) =>
    !q || [u.id, u.email, u.first_name, u.last_name].some((f) => f?.toLowerCase().includes(q.toLowerCase()));
  const toolOf = <I>(name: string, schema: z.ZodType, run: (input: I) => unknown) =>
    tool({
      description: name,
      inputSchema: schema,
      execute: async (input: unknown) => {
        executed.push({ toolName: name, input });
        return run(input as I);
      },
      toModelOutput: ({ output }: { output: unknown }) => ({
        type: "json",
        value: untrustedEnvelope(modelView((TOOL_VIEWS[name] ?? ((o: unknown) => o))(output))) as never,
      }),
    } as never);
  const flag = (name: string, key: "banned" | "locked", value: boolean) =>
    toolOf(name, userFlagInput, (input: { user_id: string }) => {
      const u = userById(input.user_id);
      if (!u) return notFound("User", input.user_id);
      u[key] = value;
      return { id: u.id, banned: u.banned, locked: u.locked };
    });

  const tools: ToolSet = {
    getUser: toolOf("getUser", getUserInput, (i: { user_id: string }) => {
      const u = userById(i.user_id);
      return u ? summary(u) : notFound("User", i.user_id);
    }),
    listUsers: toolOf(
      "listUsers",
      listUsersInput,
      (i: {
        email_address?: string | string[];
        query?: string;
        limit?: number;
        offset?: number;
        order_by?: string;
      }) => {
        const emails =
          i.email_address === undefined ? undefined : [i.email_address].flat().map((e) => e.toLowerCase());
        let found = state.users.filter((u) => (!emails || emails.includes(u.email)) && matches(u, i.query));
        found = [...found].sort((a, b) =>
          i.order_by === "+created_at" ? a.created_at - b.created_at : b.created_at - a.created_at,
        );
        const page = found.slice(i.offset ?? 0, (i.offset ?? 0) + (i.limit ?? 10));
        return { users: page.map(summary), total_count: found.length };
      },
    ),
    countUsers: toolOf("countUsers", countUsersInput, (i: { query?: string }) => ({
      total_count: state.users.filter((u) => matches(u, i.query)).length,
    })),
    updateUserMetadata: toolOf(
      "updateUserMetadata",
      updateUserMetadataInput,
      (i: Json & { user_id: string }) => {
        const u = userById(i.user_id);
        if (!u) return notFound("User", i.user_id);
        if (i.public_metadata) u.public_metadata = merge(u.public_metadata, i.public_metadata as Json);
        if (i.private_metadata) u.private_metadata = merge(u.private_metadata, i.private_metadata as Json);
        return { id: u.id, public_metadata: u.public_metadata };
      },
    ),
    createInvitation: toolOf(
      "createInvitation",
      createInvitationInput,
      (i: { email: string; public_metadata?: Json }) => {
        const inv = {
          id: `inv_${state.invitations.length + 1}`,
          email_address: i.email,
          status: "pending",
          public_metadata: i.public_metadata ?? {},
        };
        state.invitations.push(inv);
        return { id: inv.id, email_address: inv.email_address, status: inv.status };
      },
    ),
    listInvitations: toolOf(
      "listInvitations",
      listInvitationsInput,
      (i: { status?: string; query?: string }) => {
        const found = state.invitations.filter(
          (x) => (!i.status || x.status === i.status) && (!i.query || x.email_address.includes(i.query)),
        );
        return {
          invitations: found.map(({ id, email_address, status }) => ({ id, email_address, status })),
          total_count: found.length,
        };
      },
    ),
    revokeInvitation: toolOf(
      "revokeInvitation",
      revokeInvitationInput,
      (i: { invitation_id?: string; email_address?: string }) => {
        const email = i.email_address?.toLowerCase();
        const found = state.invitations.filter((x) =>
          email
            ? x.status === "pending" && x.email_address.toLowerCase() === email
            : x.id === i.invitation_id,
        );
        if (found.length > 1)
          return {
            error: {
              code: "conflict",
              message: `${email} has ${found.length} pending invitations; give invitation_id.`,
            },
          };
        const [inv] = found;
        if (!inv)
          return notFound(email ? "Pending invitation" : "Invitation", email ?? i.invitation_id ?? "");
        inv.status = "revoked";
        return { id: inv.id, email_address: inv.email_address, status: inv.status };
      },
    ),
    listSessions: toolOf("listSessions", listSessionsInput, (i: { user_id: string; status?: string }) => ({
      sessions: state.sessions.filter((s) => s.user_id === i.user_id && (!i.status || s.status === i.status)),
    })),
    revokeSession: toolOf("revokeSession", revokeSessionInput, (i: { session_id: string }) => {
      const s = state.sessions.find((x) => x.id === i.session_id);
      if (!s) return notFound("Session", i.session_id);
      s.status = "revoked";
      return s;
    }),
    banUser: flag("banUser", "banned", true),
    unbanUser: flag("unbanUser", "banned", false),
    lockUser: flag("lockUser", "locked", true),
    unlockUser: flag("unlockUser", "locked", false),
  };
  return { state, tools, executed };
}

export function standInUser(id: string, email: string, extra: Partial<StandInUser> = {}): StandInUser {
  return {
    id,
    email,
    public_metadata: {},
    private_metadata: {},
    banned: false,
    locked: false,
    created_at: 1_700_000_000_000,
    ...extra,
  };
}

/** Every write tool needs a human approval; reads run directly. */
export const approvalForWrites = Object.fromEntries(WRITE_TOOLS.map((n) => [n, "user-approval" as const]));

export type ApprovalRequest = { approvalId: string; toolCall: { toolName: string; input: unknown } };

/** One streamed turn of `model` over `tools` with every write behind approval (at most 5 steps). */
export async function streamStandInTurn(model: LanguageModel, tools: ToolSet, messages: ModelMessage[]) {
  const result = streamText({
    model,
    messages,
    tools,
    toolApproval: approvalForWrites,
    stopWhen: isStepCount(5),
  });
  const approvals: ApprovalRequest[] = [];
  for await (const part of result.stream)
    if (part.type === "tool-approval-request") approvals.push(part as never);
  return { approvals, text: await result.text, responseMessages: await result.responseMessages };
}

/** The same answer to every approval request of a turn: the content of the next `tool` message. */
export function answerApprovals(
  approvals: ApprovalRequest[],
  approved: boolean,
  reason?: string,
): ToolApprovalResponse[] {
  return approvals.map((a) => ({
    type: "tool-approval-response",
    approvalId: a.approvalId,
    approved,
    ...(reason ? { reason } : {}),
  }));
}
