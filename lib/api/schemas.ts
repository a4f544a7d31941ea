// JSON Schemas for discovery, all derived from the zod schemas: the action inputs from the lib/clerk
// registry (exactly what the agent tools and the MCP server use) and the outputs of the compact,
// redacted projection every machine surface returns (lib/agent/tools projectForModel).

import { z } from "zod";
import { REDACTED } from "@/lib/agent/redact";
import type { AnyAction } from "@/lib/clerk/define-action";
import { type ActionName, actionList } from "@/lib/clerk/registry";
import { APPROVAL_STATUSES, BULK_JOB_STATUSES } from "@/lib/db/schema";
import { APP_ERROR_CODES } from "@/lib/errors";
import { BULK_JOB_TOOL, bulkJobTool } from "@/lib/jobs/bulk-tool";
import { signInOutputs } from "./sign-in-schemas";

/** An action as the machine surfaces publish it (MCP tool, REST operation, manifest entry). */
export interface PublishedAction {
  name: string;
  title: string;
  description: string;
  kind: "read" | "write";
  input: z.ZodType;
}

/** Exactly what MCP lists for a `read+propose` token (bar the approval poll): the registry plus the bulk tool. */
export const publishedActions: readonly PublishedAction[] = [...actionList, bulkJobTool];

export const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

export type JsonSchema = Record<string, unknown>;

function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
  }) as JsonSchema;
  return rest;
}

/** The action's input as JSON Schema (draft 2020-12, without `$schema`): the tool schema. */
export function inputJsonSchema(action: Pick<AnyAction, "input">): JsonSchema {
  return toJsonSchema(action.input, "input");
}

// Projections drop null/undefined members and empty lists (lib/agent/redact compactForModel), so
// nullable fields are optional here; metadata objects are always present.
const metadata = z.record(z.string(), z.unknown());
const privateMetadata = z
  .union([metadata, z.literal(REDACTED)])
  .describe(`Private metadata, or "${REDACTED}" unless the deployment allows agents to see it.`);
const unixMs = z.number().int().describe("Unix time in milliseconds.");

const userSummary = z.object({
  id: z.string(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  primary_email: z.string().optional(),
  email_addresses: z.array(z.string()).optional(),
  created_at: unixMs,
  updated_at: unixMs,
  last_sign_in_at: unixMs.optional(),
  last_active_at: unixMs.optional(),
  banned: z.boolean(),
  locked: z.boolean(),
  public_metadata: metadata,
  private_metadata: privateMetadata,
  unsafe_metadata: metadata,
});

const invitationSummary = z.object({
  id: z.string(),
  email_address: z.string(),
  status: z.string(),
  public_metadata: metadata,
  expires_at: unixMs.optional(),
  created_at: unixMs,
  updated_at: unixMs,
});

const sessionSummary = z.object({
  id: z.string(),
  user_id: z.string(),
  client_id: z.string(),
  status: z.string(),
  last_active_at: unixMs,
  expire_at: unixMs,
  abandon_at: unixMs,
  created_at: unixMs,
  updated_at: unixMs,
  latest_activity: z
    .object({
      browser_name: z.string().optional(),
      device_type: z.string().optional(),
      is_mobile: z.boolean(),
      city: z.string().optional(),
      country: z.string().optional(),
      ip_address: z.string().optional(),
    })
    .optional(),
});

const userStatus = z.object({ id: z.string(), banned: z.boolean(), locked: z.boolean(), updated_at: unixMs });
const totalCount = z.number().int().min(0).describe("How many records match the filters (all pages).");
/** A list read's page: the records under `key` (left out when empty) and the count over all pages. */
const page = (key: string, item: z.ZodType) =>
  z.object({ [key]: z.array(item).optional(), total_count: totalCount });

const auditEntry = z.object({
  id: z.string(),
  when: z.string().describe("ISO 8601 date-time."),
  who: z.string().describe("The admin's email (or user id)."),
  source: z.string(),
  action: z.string(),
  target: z.string(),
  target_id: z.string().optional(),
  changes: z
    .record(z.string(), z.union([z.string(), z.array(z.string())]))
    .optional()
    .describe("Before → after per changed field (metadata: per key path)."),
  outcome: z.string(),
  error: z.string().optional(),
  approval_id: z.string().optional(),
  undo_of: z.string().optional(),
});

const organizationSummary = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  image_url: z.string().optional(),
  members_count: z.number().int().optional(),
  pending_invitations_count: z.number().int().optional(),
  max_allowed_memberships: z.number().int().describe("0 means unlimited."),
  missing_admin: z.boolean().optional().describe("True when no member can manage members (no admin)."),
  created_by: z.string().optional(),
  public_metadata: metadata,
  private_metadata: privateMetadata,
  created_at: unixMs,
  updated_at: unixMs,
});

const organizationMember = z.object({
  id: z.string(),
  organization_id: z.string(),
  user_id: z.string(),
  role: z.string(),
  identifier: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  created_at: unixMs,
  updated_at: unixMs,
});

const organizationInvitation = z.object({
  id: z.string(),
  organization_id: z.string(),
  email_address: z.string(),
  role: z.string(),
  status: z.string(),
  expires_at: unixMs.optional(),
  created_at: unixMs,
  updated_at: unixMs,
});

const organizationRole = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string().optional(),
  permissions: z.array(z.string()).optional(),
  is_creator_eligible: z.boolean(),
});

const userOrganization = z.object({
  membership_id: z.string(),
  organization_id: z.string(),
  organization_name: z.string(),
  organization_slug: z.string(),
  role: z.string(),
  created_at: unixMs,
});

const accessIdentifier = z.object({
  id: z.string(),
  identifier: z.string(),
  identifier_type: z.string(),
  created_at: unixMs.optional(),
});
const accessList = page("identifiers", accessIdentifier);
const accessRemoved = z.object({ id: z.string(), deleted: z.boolean() });

const identifierStatuses = z
  .record(z.string(), z.string())
  .describe('Each address of the user -> "verified" or "unverified", plus ", primary".');

/** What each action returns over MCP and REST (for writes: the result once approved and executed). */
export const actionOutputs: Record<ActionName, z.ZodType> = {
  getUser: userSummary,
  listUsers: page("users", userSummary),
  countUsers: z.object({ total_count: totalCount }),
  searchUsersByMetadata: z.object({
    users: z.array(userSummary).optional(),
    total_count: totalCount,
    source: z
      .enum(["index", "clerk"])
      .describe("index: public metadata from the synced index; clerk: a scan."),
    index: z
      .object({
        indexed_users: z.number().int(),
        clerk_users: z.number().int(),
        last_resync_at: z.string().optional(),
        last_webhook_at: z.string().optional(),
        stale_rows_dropped: z.number().int(),
        behind: z.boolean(),
        note: z.string().optional(),
        capped_at: z.number().int().optional(),
      })
      .optional(),
    scan: z
      .object({ scanned: z.number().int(), clerk_users: z.number().int(), complete: z.boolean() })
      .optional(),
  }),
  listInvitations: page("invitations", invitationSummary),
  listSessions: page("sessions", sessionSummary),
  ...signInOutputs({ sessionSummary, unixMs, page }),
  updateUserMetadata: z.object({
    id: z.string(),
    updated_at: unixMs,
    public_metadata: metadata,
    private_metadata: privateMetadata,
    unsafe_metadata: metadata,
  }),
  createInvitation: z.object({
    id: z.string(),
    email_address: z.string(),
    status: z.string(),
    expires_at: unixMs.optional(),
    url: z.string().optional(),
  }),
  revokeInvitation: invitationSummary,
  revokeSession: sessionSummary,
  banUser: userStatus,
  unbanUser: userStatus,
  lockUser: userStatus,
  unlockUser: userStatus,
  listOrganizations: page("organizations", organizationSummary),
  getOrganization: organizationSummary,
  listOrganizationMembers: page("members", organizationMember),
  listOrganizationInvitations: page("invitations", organizationInvitation),
  listOrganizationRoles: page("roles", organizationRole),
  listUserOrganizations: page("organizations", userOrganization),
  createOrganization: organizationSummary,
  updateOrganization: organizationSummary,
  updateOrganizationMetadata: organizationSummary,
  deleteOrganization: z.object({ id: z.string(), slug: z.string().optional(), deleted: z.boolean() }),
  addOrganizationMember: organizationMember,
  updateOrganizationMemberRole: organizationMember,
  removeOrganizationMember: organizationMember.extend({ removed: z.boolean() }),
  createOrganizationInvitation: organizationInvitation,
  revokeOrganizationInvitation: organizationInvitation,
  createUser: userSummary,
  updateUserProfile: z.object({
    id: z.string(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    username: z.string().optional(),
    external_id: z.string().optional(),
    updated_at: unixMs,
  }),
  setPassword: z.object({ id: z.string(), password_enabled: z.boolean(), updated_at: unixMs }),
  revokeAllSessions: z.object({ user_id: z.string(), revoked_session_ids: z.array(z.string()).optional() }),
  deleteUser: z.object({ id: z.string(), deleted: z.boolean() }),
  disableMfa: z.object({ user_id: z.string(), mfa_disabled: z.boolean() }),
  removeProfileImage: z.object({ id: z.string(), has_image: z.boolean(), updated_at: unixMs }),
  addEmailAddress: z.object({ user_id: z.string(), email_addresses: identifierStatuses }),
  verifyEmailAddress: z.object({ user_id: z.string(), email_addresses: identifierStatuses }),
  setPrimaryEmailAddress: z.object({ user_id: z.string(), email_addresses: identifierStatuses }),
  removeEmailAddress: z.object({ user_id: z.string(), email_addresses: identifierStatuses }),
  addPhoneNumber: z.object({ user_id: z.string(), phone_numbers: identifierStatuses }),
  verifyPhoneNumber: z.object({ user_id: z.string(), phone_numbers: identifierStatuses }),
  setPrimaryPhoneNumber: z.object({ user_id: z.string(), phone_numbers: identifierStatuses }),
  removePhoneNumber: z.object({ user_id: z.string(), phone_numbers: identifierStatuses }),
  createSignInToken: z.object({
    id: z.string(),
    user_id: z.string(),
    status: z.string(),
    url: z.string().describe("Shown once, in the console only."),
    token: z.string(),
    expires_at: unixMs,
  }),
  impersonateUser: z.object({
    id: z.string().describe("The actor token id (act_…)."),
    user_id: z.string(),
    actor_user_id: z.string(),
    actor_email: z.string().nullable(),
    reason: z.string(),
    status: z.string(),
    url: z.string().describe("Shown once, in the console only."),
    token: z.string(),
    created_at: unixMs,
    expires_at: unixMs,
  }),
  revokeImpersonation: z.object({
    id: z.string(),
    user_id: z.string(),
    status: z.string(),
    revoked: z.boolean(),
  }),
  listImpersonations: z.object({
    impersonations: z.array(
      z.object({
        token_id: z.string(),
        user_id: z.string(),
        user_label: z.string().nullable(),
        admin_user_id: z.string(),
        admin_email: z.string().nullable(),
        reason: z.string(),
        created_at: unixMs,
        expires_at: unixMs,
        revoked: z.boolean(),
        revoked_at: unixMs.nullable(),
        revoked_by: z.string().nullable(),
        active: z.boolean(),
        audit_id: z.string(),
      }),
    ),
    total_count: totalCount,
  }),
  listAllowlistIdentifiers: accessList,
  addAllowlistIdentifier: accessIdentifier,
  removeAllowlistIdentifier: accessRemoved,
  listBlocklistIdentifiers: accessList,
  addBlocklistIdentifier: accessIdentifier,
  removeBlocklistIdentifier: accessRemoved,
  listAuditEntries: page("entries", auditEntry),
  proposeUndo: z.object({
    entry: auditEntry,
    undoable: z.boolean(),
    reason: z.string().optional().describe("Why it cannot be undone (or why the undo would be refused)."),
    tool: z.string().optional().describe("The write tool that undoes the entry."),
    input: metadata.optional().describe("Its exact input; propose it unchanged."),
    changes: z.array(z.string()).optional().describe("Current → restored value, per field."),
    next: z.string().optional(),
  }),
};

const count = z.number().int().min(0);

/** A bulk job's state and progress (get_approval_status `job`; the bulk tool's result once run). */
export const jobProgressSchema = z.object({
  job_id: z.string(),
  action: z.string(),
  status: z.enum(BULK_JOB_STATUSES),
  total: count,
  ok: count,
  error: count,
  skipped: count,
  pending: count.describe("Targets not finished yet."),
  percent: z.number().int().min(0).max(100),
  review_url: z.string().describe("The job's page in the console (per-target results)."),
});

const outputs: Record<string, z.ZodType> = { ...actionOutputs, [BULK_JOB_TOOL]: jobProgressSchema };

export function outputJsonSchema(name: ActionName | typeof BULK_JOB_TOOL): JsonSchema {
  const schema = outputs[name];
  if (!schema) throw new Error(`no output schema for ${name}`);
  return toJsonSchema(schema, "output");
}

const target = z
  .object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable().optional() })
  .nullable();

/** 202 body of a proposed write (REST) and the structured result of a write tool (MCP). */
export const pendingApprovalSchema = z.object({
  status: z.literal("pending_approval"),
  approval_id: z.string().describe("Poll GET /api/v1/approvals/{approval_id} (MCP: get_approval_status)."),
  tool: z.string(),
  target,
  arguments: z.unknown().describe("The exact arguments the admin will approve (private metadata redacted)."),
  changes: z.array(z.unknown()).describe("Post-merge diff of the fields this write touches."),
  checks: z.array(z.object({ id: z.string(), ok: z.boolean(), message: z.string() })),
  expires_at: z.string().describe("ISO time after which the proposal can no longer be approved."),
  status_url: z.string(),
  message: z.string(),
  job: z
    .object({
      job_id: z.string(),
      action: z.string(),
      targets: count,
      excluded: count.describe("Targets the plan leaves out (no change, or a pre-check failed)."),
      review_url: z.string(),
    })
    .optional()
    .describe("proposeBulkJob only: the planned job, approved once as a whole."),
});

export const approvalStatusSchema = z.object({
  approval_id: z.string(),
  status: z.enum(APPROVAL_STATUSES),
  tool: z.string(),
  target,
  created_at: z.string(),
  expires_at: z.string(),
  decided_at: z.string().nullable(),
  reason: z.string().nullable(),
  outcome: z
    .enum(["ok", "error", "pending", "not_applied", "unknown"])
    .optional()
    .describe(
      "Set once executed. not_applied / unknown: the outcome was lost and settled later by re-reading the target.",
    ),
  result: z.unknown().optional().describe("The action's output (see the action's output schema)."),
  error: z.string().optional(),
  job: jobProgressSchema.optional().describe("Bulk jobs: the job's state and progress after the approval."),
});

export const errorSchema = z.object({
  error: z.object({
    code: z.enum(APP_ERROR_CODES as [string, ...string[]]),
    message: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    traceId: z.string().optional(),
  }),
});

export const pendingApprovalJsonSchema = () => toJsonSchema(pendingApprovalSchema, "output");
export const approvalStatusJsonSchema = () => toJsonSchema(approvalStatusSchema, "output");
export const errorJsonSchema = () => toJsonSchema(errorSchema, "output");
