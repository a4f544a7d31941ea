-- The audit log is append-only. The single permitted change is recording the outcome of a pending attempt, once.
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
    OR NEW.undo_of IS DISTINCT FROM OLD.undo_of THEN
    RAISE EXCEPTION 'audit_log entry %: only the outcome may be recorded', OLD.id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
--> statement-breakpoint
ALTER TABLE audit_log ADD CONSTRAINT audit_log_source_check
  CHECK (source IN ('console', 'agent', 'mcp', 'bulk', 'undo', 'rest'));
--> statement-breakpoint
ALTER TABLE audit_log ADD CONSTRAINT audit_log_outcome_check
  CHECK (outcome IN ('pending', 'ok', 'error', 'timeout'));
--> statement-breakpoint
ALTER TABLE approvals ADD CONSTRAINT approvals_status_check
  CHECK (status IN ('pending', 'approved', 'denied', 'executed', 'expired'));
--> statement-breakpoint
ALTER TABLE access_tokens ADD CONSTRAINT access_tokens_scope_check CHECK (scope IN ('read', 'read+propose'));
