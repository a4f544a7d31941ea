import type { User } from "@clerk/backend";
import { z } from "zod";
import { organizationIdField, orgRoleField, roleKeys } from "@/lib/clerk/actions/organization-shared";
import type { ActionContext } from "@/lib/clerk/define-action";
import { AppError, zodFieldErrors } from "@/lib/errors";
import { BULK_ACTION_NAMES, BULK_ACTIONS, MAX_JOB_TARGETS } from "./planner";
import type { ProposedJob, ProposeJobInput } from "./propose";

export const BULK_JOB_TOOL = "proposeBulkJob";

const userIds = z.array(z.string().regex(/^user_[A-Za-z0-9]+$/)).max(MAX_JOB_TARGETS);

export const bulkJobInput = z
  .strictObject({
    action: z
      .enum(BULK_ACTION_NAMES)
      .describe(
        "updateUserMetadata: deep-merge public_metadata into each user. createInvitation: invite each email. updateOrganizationMetadata: deep-merge public_metadata into each organization. createOrganizationInvitation: invite each email into organization_id with role. addOrganizationMember / updateOrganizationMemberRole: give each user role in organization_id. removeOrganizationMember: remove each user from organization_id.",
      ),
    user_ids: userIds
      .optional()
      .describe("updateUserMetadata and the membership actions: the users (from listUsers)."),
    email_domain: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, "a domain such as acme.com")
      .optional()
      .describe("updateUserMetadata: every user whose email is at this domain, e.g. acme.com."),
    emails: z
      .array(z.email())
      .max(MAX_JOB_TARGETS)
      .optional()
      .describe("createInvitation, createOrganizationInvitation: the email addresses to invite."),
    organization_id: organizationIdField
      .optional()
      .describe(
        "The organization of createOrganizationInvitation and the membership actions (from listOrganizations).",
      ),
    organization_ids: z
      .array(organizationIdField)
      .max(MAX_JOB_TARGETS)
      .optional()
      .describe("updateOrganizationMetadata: the organizations to change (from listOrganizations)."),
    role: orgRoleField
      .optional()
      .describe('Organization role for invitations and memberships, e.g. "org:admin"; default "org:member".'),
    public_metadata: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("Public metadata to merge into each user or organization (or to give each invitation)."),
    title: z.string().max(200).optional().describe("A short title for the job."),
  })
  .describe("One change for many targets.");

export type BulkJobInput = z.output<typeof bulkJobInput>;

export interface BulkProposer {
  userId: string;
  source: "agent" | "mcp" | "rest";
  /** The personal access token an MCP/REST client proposed with. */
  tokenId?: string | undefined;
}

/** A bulk tool's plan is a proposed job (lib/jobs/propose). */
export type ProposedBulkJob = ProposedJob;

export type ProposeJobFn = (input: ProposeJobInput, proposer: BulkProposer) => Promise<ProposedBulkJob>;

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
    "Apply one change to many users, emails or organizations (e.g. set plan=pro for everyone at acme.com, invite a list of emails to the app or to an organization, add or re-role many members of an organization) as ONE job. Nothing is written now: the plan (every target's diff) waits for one batch approval by an admin, then runs paced to Clerk's rate limit.",
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
    if (page.data.length < 500 || ids.length > MAX_JOB_TARGETS) break;
  }
  return ids;
}

function need<T>(value: T | undefined | null, field: string, message: string): T {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0))
    throw AppError.validation({ [field]: [message] });
  return value;
}

const DEFAULT_ORG_ROLE = "org:member";

/** An unknown organization role refuses the whole plan (rather than a plan of skipped targets). */
async function knownRole(input: BulkJobInput, ctx: ActionContext): Promise<string> {
  const role = input.role ?? DEFAULT_ORG_ROLE;
  const known = await roleKeys(ctx.clerk);
  if (!known.includes(role))
    throw AppError.validation(
      { role: [`Unknown role ${role}; roles: ${known.join(", ")}.`] },
      `Unknown organization role ${role}; roles: ${known.join(", ")}. Nothing was planned.`,
    );
  return role;
}

export async function bulkTargets(input: BulkJobInput, ctx: ActionContext): Promise<unknown[]> {
  const meta = input.public_metadata ? { public_metadata: input.public_metadata } : {};
  switch (input.action) {
    case "createInvitation":
      return need(input.emails, "emails", "Give the emails to invite.").map((email) => ({ email, ...meta }));
    case "createOrganizationInvitation": {
      const org = need(input.organization_id, "organization_id", "Give the organization to invite into.");
      const emails = need(input.emails, "emails", "Give the emails to invite.");
      const role = await knownRole(input, ctx);
      return emails.map((email) => ({ organization_id: org, email, role }));
    }
    case "addOrganizationMember":
    case "updateOrganizationMemberRole":
    case "removeOrganizationMember": {
      const org = need(input.organization_id, "organization_id", "Give the organization.");
      const users = need(input.user_ids, "user_ids", "Give the users (user_ids).");
      const role =
        input.action === "removeOrganizationMember" ? {} : { role: input.role ?? DEFAULT_ORG_ROLE };
      return users.map((id) => ({ organization_id: org, user_id: id, ...role }));
    }
    case "updateOrganizationMetadata": {
      const metadata = need(input.public_metadata, "public_metadata", "Give the metadata to set.");
      return need(
        input.organization_ids,
        "organization_ids",
        "Give the organizations (organization_ids).",
      ).map((id) => ({ organization_id: id, public_metadata: metadata }));
    }
    case "updateUserMetadata": {
      const metadata = need(input.public_metadata, "public_metadata", "Give the metadata to set.");
      const ids = input.user_ids?.length
        ? input.user_ids
        : input.email_domain
          ? await usersAtDomain(ctx, input.email_domain)
          : [];
      if (ids.length === 0)
        throw AppError.validation({ user_ids: ["No users matched; give user_ids or an email_domain."] });
      return ids.map((id) => ({ user_id: id, public_metadata: metadata }));
    }
  }
}

/** Resolves the targets and plans the job; the caller's proposer decides who approves and how it is audited. */
export async function planBulkJob(
  raw: unknown,
  ctx: ActionContext,
  propose: ProposeJobFn,
  proposer: BulkProposer,
): Promise<ProposedBulkJob> {
  const parsed = bulkJobInput.safeParse(raw);
  if (!parsed.success)
    throw AppError.validation(
      zodFieldErrors(parsed.error),
      "Invalid input for a bulk job. Nothing was planned.",
    );
  const input = parsed.data;
  const targets = await bulkTargets(input, ctx);
  return propose(
    {
      action: input.action,
      targets,
      title: input.title,
      params: {
        public_metadata: input.public_metadata ?? null,
        ...(input.organization_id ? { organization_id: input.organization_id } : {}),
        ...(input.role ? { role: input.role } : {}),
      },
    },
    proposer,
  );
}

export interface BulkJobProposal {
  job_id: string;
  status: "awaiting_approval";
  title: string;
  /** Targets the job writes. */
  targets: number;
  /** Targets the plan leaves alone: already up to date, or a failed pre-check. */
  excluded: number;
  up_to_date: number;
  sample: ProposedBulkJob["sample"];
  pace_per_10s: number;
  estimated_seconds: number;
  /** Binds the admin's approval on the chat's plan card to exactly this plan. */
  plan_hash: string;
  expires_at: string;
  review_url: string;
  /** What one target is, for the card: "users", "invitations", "memberships", "organizations". */
  target_noun: string;
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
    const action = bulkJobInput.shape.action.parse((raw as { action?: unknown }).action);
    return {
      job_id: job.jobId,
      status: "awaiting_approval",
      title: job.title,
      targets: job.total - job.skipped,
      excluded: job.skipped,
      up_to_date: job.upToDate,
      sample: job.sample,
      pace_per_10s: job.pacePer10s,
      estimated_seconds: job.estimatedSeconds,
      plan_hash: job.planHash,
      expires_at: job.expiresAt,
      review_url: job.url,
      target_noun: BULK_ACTIONS[action].noun,
      message: `Planned ${job.total - job.skipped} targets (${job.skipped} excluded). Nothing has been written: the admin approves the plan once, on its card or at ${job.url}.`,
    };
  };
}
