ALTER TABLE "chats" DROP COLUMN "archived_at";
--> statement-breakpoint
-- The reconciler settles intents whose outcome was never recorded: not_applied or unknown.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_outcome_check;
--> statement-breakpoint
ALTER TABLE audit_log ADD CONSTRAINT audit_log_outcome_check
  CHECK (outcome IN ('pending', 'ok', 'error', 'timeout', 'not_applied', 'unknown'));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS audit_log_pending_idx ON audit_log (created_at) WHERE outcome = 'pending';
