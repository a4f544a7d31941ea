CREATE TABLE "write_locks" (
	"key" text PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"acquired_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD COLUMN "retry_of" text;--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_jobs_retry_of_key" ON "bulk_jobs" USING btree ("retry_of") WHERE "bulk_jobs"."retry_of" is not null and "bulk_jobs"."status" not in ('denied', 'cancelled');