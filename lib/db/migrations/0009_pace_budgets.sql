CREATE TABLE "pace_budgets" (
	"key" text PRIMARY KEY NOT NULL,
	"next_at_ms" double precision NOT NULL,
	"blocked_until_ms" double precision DEFAULT 0 NOT NULL,
	"reserved_at_ms" double precision NOT NULL
);
