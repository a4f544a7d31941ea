import type { User } from "@clerk/backend";
import { z } from "zod";
import type { ActionContext } from "@/lib/clerk/define-action";
import { AppError } from "@/lib/errors";

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

export type ProposeJobFn = (
  input: { action: string; targets: unknown[]; title?: string | undefined; params?: Record<string, unknown> },
  proposer: BulkProposer,
) => Promise<ProposedBulkJob>;

/** Plans a bulk job from the tool's input (targets resolved, every before-state read); writes nothing. */
export type ProposeBulkJob = (input: BulkJobInput, proposer: BulkProposer) => Promise<ProposedBulkJob>;

/**
 * The bulk tool on every surface (chat, MCP, REST, manifest): a write, approved once as a whole plan
 * (on its jobs page or in the approvals inbox) rather than call by call.
 */
export const bulkJobTool = {
  name: BULK_JOB_TOOL,
  title: "Propose a bulk job",
  description:
    "Apply one change to many users or emails (e.g. set plan=pro for everyone at acme.com, or invite a list of emails) as ONE job. Nothing is written now: the plan (every target's diff) waits for one batch approval by an admin, then runs paced to Clerk's rate limit.",
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

export interface BulkJobProposal {
  job_id: string;
  status: "awaiting_approval";
  targets: number;
  excluded: number;
  review_url: string;
  message: string;
}

/** The chat's bulk tool: plans the job as the chatting admin and says where to approve it. */
export function chatBulkProposer(
  userId: string,
  ctx: ActionContext,
  propose: ProposeJobFn,
): (raw: unknown) => Promise<BulkJobProposal> {
  return async (raw) => {
    const job = await planBulkJob(raw, ctx, propose, { userId, source: "agent" });
    return {
      job_id: job.jobId,
      status: "awaiting_approval",
      targets: job.total,
      excluded: job.skipped,
      review_url: job.url,
      message: `Planned ${job.total} targets. Nothing has been written: the admin approves the plan at ${job.url}.`,
    };
  };
}
