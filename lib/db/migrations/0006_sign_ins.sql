CREATE TABLE "sign_ins" (
	"session_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"signed_in_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"status_at" bigint DEFAULT 0 NOT NULL,
	"device_type" text,
	"is_mobile" boolean,
	"browser_name" text,
	"browser_version" text,
	"ip_address" text,
	"city" text,
	"country" text,
	"actor_id" text,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sign_ins_signed_in_at_idx" ON "sign_ins" USING btree ("signed_in_at");--> statement-breakpoint
CREATE INDEX "sign_ins_user_idx" ON "sign_ins" USING btree ("user_id","signed_in_at");