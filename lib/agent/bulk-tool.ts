import type { User } from "@clerk/backend";
import { z } from "zod";
import type { ActionContext } from "@/lib/clerk/define-action";
import { AppError } from "@/lib/errors";
import type { AgentAction, AgentAuth } from "./action-types";

export const BULK_JOB_TOOL = "proposeBulkJob";
const MAX = 10_000;

export const bulkJobInput = z
  .strictObject({
    action: z
      .enum(["updateUserMetadata", "createInvitation"])
      .describe(
        "updateUserMetadata: deep-merge public_metadata into each user. createInvitation: invite each email.",
      ),
    user_ids: z
      .array(z.string().regex(/^user_[A-Za-z0-9]+$/))
      .max(MAX)
      .optional()
      .describe("updateUserMetadata: the users to change (from listUsers)."),
    email_domain: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, "a domain such as acme.com")
      .optional()
      .describe("updateUserMetadata: every user whose email is at this domain, e.g. acme.com."),
    emails: z
      .array(z.email())
      .max(MAX)
      .optional()
      .describe("createInvitation: the email addresses to invite."),
    public_metadata: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("Public metadata to merge into each user (or to give each invitation)."),
    title: z.string().max(200).optional().describe("A short title for the job."),
  })
  .describe("One change for many targets.");

type Input = z.output<typeof bulkJobInput>;

export type BulkJobInput = Input;

export interface BulkProposer {
  userId: string;
  source: "agent" | "mcp" | "rest";
  /** The personal access token an MCP/REST client proposed with. */
  tokenId?: string | undefined;
}

export interface ProposedBulkJob {
  jobId: string;
  approvalId: string;
  title: string;
  total: number;
  skipped: number;
  url: string;
  expiresAt: string;
}

/** What the chat's bulk tool answers: the planned job, nothing written yet. */
export interface BulkJobProposal {
  job_id: string;
  status: "awaiting_approval";
  targets: number;
  excluded: number;
  review_url: string;
  message: string;
}

export type ProposeJobFn = (
  input: { action: string; targets: unknown[]; title?: string | undefined; params?: Record<string, unknown> },
  proposer: BulkProposer,
) => Promise<ProposedBulkJob>;

/** The bulk tool as the machine surfaces (MCP, REST, manifest) publish it: a proposal, hence a write. */
export const bulkJobTool = {
  name: BULK_JOB_TOOL,
  title: "Propose a bulk job",
  description:
    "Apply one change to many users or emails (e.g. set plan=pro for everyone at acme.com, or invite a list of emails) as ONE job. Nothing is written now: the plan (every target's diff) waits in the console's approvals inbox for one batch approval by an admin, then runs paced to Clerk's rate limit.",
  kind: "write",
  input: bulkJobInput,
} as const;

/** Every user at a domain, 500 per page (a read; the job's own plan re-reads each target). */
async function usersAtDomain(ctx: ActionContext, domain: string): Promise<string[]> {
  const suffix = `@${domain.toLowerCase()}`;
  const ids: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await ctx.clerk.users.getUserList({ query: suffix, limit: 500, offset });
    for (const u of page.data as User[])
      if (u.emailAddresses.some((e) => e.emailAddress.toLowerCase().endsWith(suffix))) ids.push(u.id);
    if (page.data.length < 500 || ids.length > MAX) break;
  }
  return ids;
}

export async function bulkTargets(input: Input, ctx: ActionContext): Promise<unknown[]> {
  if (input.action === "createInvitation") {
    if (!input.emails?.length) throw AppError.validation({ emails: ["Give the emails to invite."] });
    return input.emails.map((email) => ({
      email,
      ...(input.public_metadata ? { public_metadata: input.public_metadata } : {}),
    }));
  }
  if (!input.public_metadata) throw AppError.validation({ public_metadata: ["Give the metadata to set."] });
  const ids = input.user_ids?.length
    ? input.user_ids
    : input.email_domain
      ? await usersAtDomain(ctx, input.email_domain)
      : [];
  if (ids.length === 0)
    throw AppError.validation({ user_ids: ["No users matched; give user_ids or an email_domain."] });
  return ids.map((id) => ({ user_id: id, public_metadata: input.public_metadata }));
}

/** Resolves the targets and plans the job; the caller's proposer decides who approves and how it is audited. */
export async function planBulkJob(
  raw: unknown,
  ctx: ActionContext,
  propose: ProposeJobFn,
  proposer: BulkProposer,
): Promise<ProposedBulkJob> {
  const input = bulkJobInput.parse(raw);
  const targets = await bulkTargets(input, ctx);
  return propose(
    {
      action: input.action,
      targets,
      title: input.title,
      params: { public_metadata: input.public_metadata ?? null },
    },
    proposer,
  );
}

/**
 * The chat's bulk tool. It writes nothing to Clerk: it plans a job (every target's diff) that waits for
 * one batch approval on /jobs/<id> (or in the approvals inbox), so it runs without a per-call card.
 */
export function bulkJobAgentAction(auth: AgentAuth, propose: ProposeJobFn): AgentAction<ActionContext> {
  return {
    name: BULK_JOB_TOOL,
    title: "Propose a bulk job",
    description:
      "Apply one change to many users or emails (e.g. set plan=pro for everyone at acme.com, or invite a list of emails) as ONE job. Nothing is written now: the job's plan waits for the admin to approve it once on the jobs page, then runs paced to Clerk's rate limit. Use this instead of many single writes when more than a few targets change.",
    kind: "read",
    input: bulkJobInput,
    run: async (raw: unknown, ctx: ActionContext): Promise<BulkJobProposal> => {
      if (auth.role !== "admin") throw new AppError("forbidden", "Only admins can propose bulk jobs.");
      const job = await planBulkJob(raw, ctx, propose, { userId: auth.userId, source: "agent" });
      return {
        job_id: job.jobId,
        status: "awaiting_approval",
        targets: job.total,
        excluded: job.skipped,
        review_url: job.url,
        message: `Planned ${job.total} targets. Nothing has been written: the admin approves the plan at ${job.url}.`,
      };
    },
  };
}
