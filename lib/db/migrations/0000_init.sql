CREATE TABLE "access_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_prefix" text,
	"scope" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" text PRIMARY KEY NOT NULL,
	"admin_user_id" text NOT NULL,
	"chat_id" text,
	"tool_call_id" text,
	"tool_name" text NOT NULL,
	"args_hash" text NOT NULL,
	"args" jsonb NOT NULL,
	"target_type" text,
	"target_id" text,
	"target_label" text,
	"target_state_hash" text,
	"target_updated_at" bigint,
	"preview" jsonb,
	"status" text DEFAULT 'pending' NOT NULL,
	"source" text NOT NULL,
	"bulk_job_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"reason" text,
	"executed_at" timestamp with time zone,
	"audit_id" uuid
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"actor_user_id" text NOT NULL,
	"actor_email" text,
	"source" text NOT NULL,
	"chat_id" text,
	"prompt" text,
	"action" text NOT NULL,
	"arguments" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"target_label" text,
	"before" jsonb,
	"after" jsonb,
	"approval_id" text,
	"approver_user_id" text,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"error_code" text,
	"error_message" text,
	"clerk_trace_id" text,
	"undo_of" uuid
);
--> statement-breakpoint
CREATE TABLE "bulk_job_targets" (
	"job_id" text NOT NULL,
	"seq" integer NOT NULL,
	"target_id" text NOT NULL,
	"target_label" text,
	"args" jsonb NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"audit_id" uuid,
	"applied" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulk_job_targets_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
CREATE TABLE "bulk_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"created_by" text NOT NULL,
	"source" text NOT NULL,
	"action" text NOT NULL,
	"title" text,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'awaiting_approval' NOT NULL,
	"approval_id" text,
	"pace_per_10s" integer NOT NULL,
	"total_targets" integer DEFAULT 0 NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "change_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"chat_id" text NOT NULL,
	"seq" integer NOT NULL,
	"role" text NOT NULL,
	"parts" jsonb NOT NULL,
	"metadata" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chats" (
	"id" text PRIMARY KEY NOT NULL,
	"admin_user_id" text NOT NULL,
	"title" text,
	"model" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "metadata_index" (
	"user_id" text PRIMARY KEY NOT NULL,
	"email" text,
	"public_metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" bigint DEFAULT 0 NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"svix_id" text NOT NULL,
	"type" text NOT NULL,
	"object_id" text,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulk_job_targets" ADD CONSTRAINT "bulk_job_targets_job_id_bulk_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_tokens_token_hash_key" ON "access_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "approvals_status_idx" ON "approvals" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "approvals_chat_idx" ON "approvals" USING btree ("chat_id");--> statement-breakpoint
CREATE UNIQUE INDEX "approvals_chat_tool_call_key" ON "approvals" USING btree ("chat_id","tool_call_id");--> statement-breakpoint
CREATE INDEX "audit_log_created_at_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_undo_of_idx" ON "audit_log" USING btree ("undo_of");--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_job_targets_job_target_key" ON "bulk_job_targets" USING btree ("job_id","target_id");--> statement-breakpoint
CREATE INDEX "bulk_job_targets_status_idx" ON "bulk_job_targets" USING btree ("job_id","status");--> statement-breakpoint
CREATE INDEX "bulk_jobs_status_idx" ON "bulk_jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "change_events_created_at_idx" ON "change_events" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "chat_messages_chat_seq_key" ON "chat_messages" USING btree ("chat_id","seq");--> statement-breakpoint
CREATE INDEX "chats_admin_idx" ON "chats" USING btree ("admin_user_id","updated_at");--> statement-breakpoint
CREATE INDEX "metadata_index_public_metadata_gin" ON "metadata_index" USING gin ("public_metadata" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "metadata_index_email_idx" ON "metadata_index" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_events_svix_id_key" ON "webhook_events" USING btree ("svix_id");--> statement-breakpoint
CREATE INDEX "webhook_events_object_idx" ON "webhook_events" USING btree ("object_id");