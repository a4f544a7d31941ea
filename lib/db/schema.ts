import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const AUDIT_SOURCES = ["console", "agent", "mcp", "bulk", "undo", "rest", "automation"] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];
/** not_applied / unknown: set by the reconciler for an intent whose outcome was never recorded. */
export const AUDIT_OUTCOMES = ["pending", "ok", "error", "timeout", "not_applied", "unknown"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Append-only: the only permitted update is pending -> final outcome (enforced in lib/audit and by a trigger). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    createdAt: createdAt(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    actorUserId: text("actor_user_id").notNull(),
    actorEmail: text("actor_email"),
    source: text("source", { enum: AUDIT_SOURCES }).notNull(),
    chatId: text("chat_id"),
    prompt: text("prompt"),
    action: text("action").notNull(),
    arguments: jsonb("arguments").notNull().default({}),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    targetLabel: text("target_label"),
    before: jsonb("before"),
    after: jsonb("after"),
    approvalId: text("approval_id"),
    approverUserId: text("approver_user_id"),
    outcome: text("outcome", { enum: AUDIT_OUTCOMES }).notNull().default("pending"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    clerkTraceId: text("clerk_trace_id"),
    undoOf: uuid("undo_of"),
    /** An automation's write: the rule that fired and the webhook (svix-id) that fired it. */
    ruleId: text("rule_id"),
    eventId: text("event_id"),
  },
  (t) => [
    index("audit_log_created_at_idx").on(t.createdAt),
    index("audit_log_rule_idx").on(t.ruleId, t.createdAt),
    index("audit_log_actor_idx").on(t.actorUserId, t.createdAt),
    index("audit_log_target_idx").on(t.targetId, t.createdAt),
    index("audit_log_action_idx").on(t.action, t.createdAt),
    index("audit_log_undo_of_idx").on(t.undoOf),
  ],
);

export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    svixId: text("svix_id").notNull(),
    type: text("type").notNull(),
    objectId: text("object_id"),
    payload: jsonb("payload").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("webhook_events_svix_id_key").on(t.svixId),
    index("webhook_events_object_idx").on(t.objectId),
  ],
);

export const metadataIndex = pgTable(
  "metadata_index",
  {
    userId: text("user_id").primaryKey(),
    email: text("email"),
    publicMetadata: jsonb("public_metadata").notNull().default({}),
    /** Clerk's updated_at of the user (ms epoch) so an out-of-order delivery never overwrites newer state. */
    updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(0),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Tombstone: when Clerk deleted the user (event time, ms epoch). The row keeps no data and is never
     * listed; an event about the user that is not newer than this is ignored (no ghost from a late retry).
     */
    deletedAt: bigint("deleted_at", { mode: "number" }),
  },
  (t) => [
    index("metadata_index_public_metadata_gin").using("gin", t.publicMetadata.op("jsonb_path_ops")),
    index("metadata_index_email_idx").on(t.email),
  ],
);

/** Fan-out of live updates across instances: SSE streams poll this by id. */
export const changeEvents = pgTable(
  "change_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    userId: text("user_id"),
    createdAt: createdAt(),
  },
  (t) => [index("change_events_created_at_idx").on(t.createdAt)],
);

export const chats = pgTable(
  "chats",
  {
    id: text("id").primaryKey(),
    adminUserId: text("admin_user_id").notNull(),
    title: text("title"),
    model: text("model"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("chats_admin_idx").on(t.adminUserId, t.updatedAt)],
);

export const chatMessages = pgTable(
  "chat_messages",
  {
    id: text("id").primaryKey(),
    chatId: text("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    /** Order inside the chat; unique so two writers cannot interleave the history. */
    seq: integer("seq").notNull(),
    role: text("role", { enum: ["system", "user", "assistant"] }).notNull(),
    /** AI SDK UIMessage parts (and metadata) as sent to the client. */
    parts: jsonb("parts").notNull(),
    metadata: jsonb("metadata"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("chat_messages_chat_seq_key").on(t.chatId, t.seq)],
);

export const APPROVAL_STATUSES = ["pending", "approved", "denied", "executed", "expired"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
/** approvals.chat_id of everything proposed with a personal access token (MCP or REST): `mcp:<token id>`. */
export const MCP_CHAT_PREFIX = "mcp:";

export const approvals = pgTable(
  "approvals",
  {
    id: text("id").primaryKey(),
    adminUserId: text("admin_user_id").notNull(),
    chatId: text("chat_id"),
    toolCallId: text("tool_call_id"),
    toolName: text("tool_name").notNull(),
    argsHash: text("args_hash").notNull(),
    args: jsonb("args").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    targetLabel: text("target_label"),
    targetStateHash: text("target_state_hash"),
    targetUpdatedAt: bigint("target_updated_at", { mode: "number" }),
    /** What the approval card shows (diff, pre-checks), frozen at proposal time. */
    preview: jsonb("preview"),
    status: text("status", { enum: APPROVAL_STATUSES }).notNull().default("pending"),
    source: text("source", { enum: AUDIT_SOURCES }).notNull(),
    bulkJobId: text("bulk_job_id"),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: text("decided_by"),
    reason: text("reason"),
    executedAt: timestamp("executed_at", { withTimezone: true }),
    auditId: uuid("audit_id"),
  },
  (t) => [
    index("approvals_status_idx").on(t.status, t.createdAt),
    index("approvals_chat_idx").on(t.chatId),
    uniqueIndex("approvals_chat_tool_call_key").on(t.chatId, t.toolCallId),
  ],
);

export const ACCESS_TOKEN_SCOPES = ["read", "read+propose"] as const;
export type AccessTokenScope = (typeof ACCESS_TOKEN_SCOPES)[number];

export const accessTokens = pgTable(
  "access_tokens",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** First characters of the token, safe to display ("cat_ab12…"). */
    tokenPrefix: text("token_prefix"),
    scope: text("scope", { enum: ACCESS_TOKEN_SCOPES }).notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("access_tokens_token_hash_key").on(t.tokenHash)],
);

export const BULK_JOB_STATUSES = [
  "awaiting_approval",
  "queued",
  "running",
  "paused",
  "cancelled",
  "completed",
  /** Finished, but some targets failed (non-retryable); an admin can propose a retry of exactly those. */
  "completed_with_errors",
  "failed",
  "denied",
] as const;
export type BulkJobStatus = (typeof BULK_JOB_STATUSES)[number];

export const bulkJobs = pgTable(
  "bulk_jobs",
  {
    id: text("id").primaryKey(),
    createdBy: text("created_by").notNull(),
    source: text("source", { enum: AUDIT_SOURCES }).notNull(),
    action: text("action").notNull(),
    title: text("title"),
    /** Shared arguments of the job; per-target arguments live on bulk_job_targets. */
    params: jsonb("params").notNull().default({}),
    status: text("status", { enum: BULK_JOB_STATUSES }).notNull().default("awaiting_approval"),
    approvalId: text("approval_id"),
    /** Requests per 10 s the runner may use. */
    pacePer10s: integer("pace_per_10s").notNull(),
    totalTargets: integer("total_targets").notNull().default(0),
    /** The workflow run (lib/jobs/bulk-workflow) that runs this job; a newer run takes over from an older one. */
    runId: text("run_id"),
    /** BAPI requests the runner has sent for this job (re-reads included). */
    requestCount: integer("request_count").notNull().default(0),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    error: text("error"),
    /** The job whose failed targets this job retries (one live retry per job). */
    retryOf: text("retry_of"),
  },
  (t) => [
    index("bulk_jobs_status_idx").on(t.status, t.createdAt),
    uniqueIndex("bulk_jobs_retry_of_key")
      .on(t.retryOf)
      .where(sql`${t.retryOf} is not null and ${t.status} not in ('denied', 'cancelled')`),
  ],
);

export const BULK_TARGET_STATUSES = ["pending", "running", "ok", "error", "skipped"] as const;
export type BulkTargetStatus = (typeof BULK_TARGET_STATUSES)[number];

export const bulkJobTargets = pgTable(
  "bulk_job_targets",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => bulkJobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    targetId: text("target_id").notNull(),
    targetLabel: text("target_label"),
    args: jsonb("args").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    status: text("status", { enum: BULK_TARGET_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    auditId: uuid("audit_id"),
    applied: boolean("applied").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.seq] }),
    uniqueIndex("bulk_job_targets_job_target_key").on(t.jobId, t.targetId),
    index("bulk_job_targets_status_idx").on(t.jobId, t.status),
  ],
);

/**
 * Per-target write leases (lib/writes/target-lock): one writer per Clerk target across every instance.
 * A lease, not a held connection, so no pooled connection waits on Clerk; a crashed holder's lease expires.
 */
export const writeLocks = pgTable("write_locks", {
  key: text("key").primaryKey(),
  owner: text("owner").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  acquiredAt: timestamp("acquired_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The Backend API budget every console instance shares (lib/jobs/pace-budget), one row per Clerk
 * instance: an instance reserves a block of send times and spends it locally, so instances running jobs
 * at once stay under Clerk's limit together. Times are epoch milliseconds on the database's clock.
 */
export const paceBudgets = pgTable("pace_budgets", {
  key: text("key").primaryKey(),
  /** Where the next block starts at the earliest: the end of the last block reserved. */
  nextAtMs: doublePrecision("next_at_ms").notNull(),
  /** Nothing is reserved before this (Clerk's Retry-After after a 429). */
  blockedUntilMs: doublePrecision("blocked_until_ms").notNull().default(0),
  /** The database's clock at the last reservation: the reserver converts the block to its own clock. */
  reservedAtMs: doublePrecision("reserved_at_ms").notNull(),
});

/**
 * Sign-ins (Clerk sessions as they were created), one row per session id: from the session.created
 * webhook, or backfilled from Clerk's session list. Device, browser and place as Clerk reported them.
 */
export const signIns = pgTable(
  "sign_ins",
  {
    sessionId: text("session_id").primaryKey(),
    userId: text("user_id").notNull(),
    signedInAt: timestamp("signed_in_at", { withTimezone: true }).notNull(),
    status: text("status").notNull(),
    /** Clerk's updated_at of the session (ms epoch): an older event never overwrites a newer status. */
    statusAt: bigint("status_at", { mode: "number" }).notNull().default(0),
    deviceType: text("device_type"),
    isMobile: boolean("is_mobile"),
    browserName: text("browser_name"),
    browserVersion: text("browser_version"),
    ipAddress: text("ip_address"),
    city: text("city"),
    country: text("country"),
    /** The impersonating admin (the session's actor.sub), when the sign-in was an impersonation. */
    actorId: text("actor_id"),
    source: text("source", { enum: ["webhook", "backfill"] }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sign_ins_signed_in_at_idx").on(t.signedInAt),
    index("sign_ins_user_idx").on(t.userId, t.signedInAt),
  ],
);

export const AUTOMATION_POLICIES = ["ask", "standing"] as const;
export type AutomationPolicy = (typeof AUTOMATION_POLICIES)[number];

/** An automation rule: trigger + conditions + templated writes (lib/automations/rule.ts), hashed canonically. */
export const automationRules = pgTable("automation_rules", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  definition: jsonb("definition").notNull(),
  /** stableHash of the canonical definition: a standing approval is bound to it. */
  ruleHash: text("rule_hash").notNull(),
  policy: text("policy", { enum: AUTOMATION_POLICIES }).notNull().default("ask"),
  enabled: boolean("enabled").notNull().default(false),
  createdBy: text("created_by").notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text("updated_by"),
  lastFiredAt: timestamp("last_fired_at", { withTimezone: true }),
  lastError: text("last_error"),
});

/** A standing approval an admin granted to one exact rule text (rule_hash), within bounds. */
export const automationGrants = pgTable(
  "automation_grants",
  {
    id: text("id").primaryKey(),
    ruleId: text("rule_id")
      .notNull()
      .references(() => automationRules.id, { onDelete: "cascade" }),
    ruleHash: text("rule_hash").notNull(),
    /** { actions, metadataKeys, maxPerHour, maxPerDay } */
    bounds: jsonb("bounds").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    grantedBy: text("granted_by").notNull(),
    grantedAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: text("revoked_reason"),
  },
  (t) => [index("automation_grants_rule_idx").on(t.ruleId, t.grantedAt)],
);

export const FIRING_STATUSES = [
  "pending",
  "running",
  /** Every write applied under a standing approval. */
  "applied",
  /** Proposed to the approvals inbox (ask each time, or over the standing approval's bounds). */
  "proposed",
  /** Not run: automations paused, rule disabled or changed since the event arrived. */
  "skipped",
  "failed",
] as const;
export type FiringStatus = (typeof FIRING_STATUSES)[number];

/** One rule fired by one webhook delivery: unique per (rule, svix-id), so a redelivery fires nothing. */
export const automationFirings = pgTable(
  "automation_firings",
  {
    id: text("id").primaryKey(),
    ruleId: text("rule_id")
      .notNull()
      .references(() => automationRules.id, { onDelete: "cascade" }),
    ruleHash: text("rule_hash").notNull(),
    svixId: text("svix_id").notNull(),
    eventType: text("event_type").notNull(),
    event: jsonb("event").notNull(),
    status: text("status", { enum: FIRING_STATUSES }).notNull().default("pending"),
    /** Per write: { action, input, status, auditId?, approvalId?, error? } */
    writes: jsonb("writes").notNull().default([]),
    /** The standing approval whose budget this firing's writes took, and how many. */
    grantId: text("grant_id"),
    reservedWrites: integer("reserved_writes").notNull().default(0),
    reservedAt: timestamp("reserved_at", { withTimezone: true }),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    /** The workflow run that last took this firing over (lib/automations/firing-workflow). */
    runId: text("run_id"),
    error: text("error"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("automation_firings_rule_svix_key").on(t.ruleId, t.svixId),
    index("automation_firings_rule_idx").on(t.ruleId, t.createdAt),
    index("automation_firings_status_idx").on(t.status),
    index("automation_firings_grant_idx").on(t.grantId, t.reservedAt),
  ],
);

/** Console-wide switches (one row per key): `automations.paused` is the automations kill switch. */
export const consoleSettings = pgTable("console_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedBy: text("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const schema = {
  auditLog,
  webhookEvents,
  metadataIndex,
  changeEvents,
  chats,
  chatMessages,
  approvals,
  accessTokens,
  bulkJobs,
  bulkJobTargets,
  writeLocks,
  paceBudgets,
  signIns,
  automationRules,
  automationGrants,
  automationFirings,
  consoleSettings,
};

export type AuditRow = typeof auditLog.$inferSelect;
export type ChangeEventRow = typeof changeEvents.$inferSelect;
export type MetadataIndexRow = typeof metadataIndex.$inferSelect;
export type ApprovalRow = typeof approvals.$inferSelect;
export type AccessTokenRow = typeof accessTokens.$inferSelect;
export type BulkJobRow = typeof bulkJobs.$inferSelect;
export type BulkJobTargetRow = typeof bulkJobTargets.$inferSelect;
export type ChatRow = typeof chats.$inferSelect;
export type SignInRow = typeof signIns.$inferSelect;
export type ChatMessageRow = typeof chatMessages.$inferSelect;
export type AutomationRuleRow = typeof automationRules.$inferSelect;
export type AutomationGrantRow = typeof automationGrants.$inferSelect;
export type AutomationFiringRow = typeof automationFirings.$inferSelect;
