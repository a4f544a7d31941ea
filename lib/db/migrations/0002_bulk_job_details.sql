ALTER TABLE "bulk_job_targets" ADD COLUMN "error_message" text;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD COLUMN "request_count" integer DEFAULT 0 NOT NULL;