ALTER TABLE "bulk_jobs" ADD COLUMN "run_id" text;--> statement-breakpoint
ALTER TABLE "bulk_jobs" DROP COLUMN "lease_owner";--> statement-breakpoint
ALTER TABLE "bulk_jobs" DROP COLUMN "lease_expires_at";