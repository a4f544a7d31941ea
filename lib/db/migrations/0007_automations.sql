CREATE TABLE "automation_firings" (
	"id" text PRIMARY KEY NOT NULL,
	"rule_id" text NOT NULL,
	"rule_hash" text NOT NULL,
	"svix_id" text NOT NULL,
	"event_type" text NOT NULL,
	"event" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"writes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"grant_id" text,
	"reserved_writes" integer DEFAULT 0 NOT NULL,
	"reserved_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automation_grants" (
	"id" text PRIMARY KEY NOT NULL,
	"rule_id" text NOT NULL,
	"rule_hash" text NOT NULL,
	"bounds" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"granted_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
CREATE TABLE "automation_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"rule_hash" text NOT NULL,
	"policy" text DEFAULT 'ask' NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	"last_fired_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "console_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "rule_id" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "event_id" text;--> statement-breakpoint
ALTER TABLE "automation_firings" ADD CONSTRAINT "automation_firings_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_grants" ADD CONSTRAINT "automation_grants_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "automation_firings_rule_svix_key" ON "automation_firings" USING btree ("rule_id","svix_id");--> statement-breakpoint
CREATE INDEX "automation_firings_rule_idx" ON "automation_firings" USING btree ("rule_id","created_at");--> statement-breakpoint
CREATE INDEX "automation_firings_status_idx" ON "automation_firings" USING btree ("status");--> statement-breakpoint
CREATE INDEX "automation_firings_grant_idx" ON "automation_firings" USING btree ("grant_id","reserved_at");--> statement-breakpoint
CREATE INDEX "automation_grants_rule_idx" ON "automation_grants" USING btree ("rule_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_rule_idx" ON "audit_log" USING btree ("rule_id","created_at");--> statement-breakpoint
ALTER TABLE audit_log DROP CONSTRAINT audit_log_source_check;
--> statement-breakpoint
ALTER TABLE audit_log ADD CONSTRAINT audit_log_source_check
  CHECK (source IN ('console', 'agent', 'mcp', 'bulk', 'undo', 'rest', 'automation'));
--> statement-breakpoint
-- The append-only guard now also keeps an automation write's rule and event ids.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_log is append-only: delete refused' USING ERRCODE = 'P0001';
  END IF;
  IF OLD.outcome <> 'pending' THEN
    RAISE EXCEPTION 'audit_log entry % already has outcome %', OLD.id, OLD.outcome USING ERRCODE = 'P0001';
  END IF;
  IF NEW.id IS DISTINCT FROM OLD.id
    OR NEW.created_at IS DISTINCT FROM OLD.created_at
    OR NEW.actor_user_id IS DISTINCT FROM OLD.actor_user_id
    OR NEW.actor_email IS DISTINCT FROM OLD.actor_email
    OR NEW.source IS DISTINCT FROM OLD.source
    OR NEW.chat_id IS DISTINCT FROM OLD.chat_id
    OR NEW.prompt IS DISTINCT FROM OLD.prompt
    OR NEW.action IS DISTINCT FROM OLD.action
    OR NEW.arguments IS DISTINCT FROM OLD.arguments
    OR NEW.target_type IS DISTINCT FROM OLD.target_type
    OR NEW.target_id IS DISTINCT FROM OLD.target_id
    OR NEW.target_label IS DISTINCT FROM OLD.target_label
    OR NEW.before IS DISTINCT FROM OLD.before
    OR NEW.approval_id IS DISTINCT FROM OLD.approval_id
    OR NEW.approver_user_id IS DISTINCT FROM OLD.approver_user_id
    OR NEW.undo_of IS DISTINCT FROM OLD.undo_of
    OR NEW.rule_id IS DISTINCT FROM OLD.rule_id
    OR NEW.event_id IS DISTINCT FROM OLD.event_id THEN
    RAISE EXCEPTION 'audit_log entry %: only the outcome may be recorded', OLD.id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
