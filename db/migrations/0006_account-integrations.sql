CREATE TABLE "account_integrations" (
	"account_id" uuid NOT NULL,
	"integration_id" text NOT NULL,
	"version" integer NOT NULL,
	"setup_done" boolean DEFAULT false NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_integrations_account_id_integration_id_pk" PRIMARY KEY("account_id","integration_id")
);
--> statement-breakpoint
CREATE TABLE "account_privileges" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"delegated_authentication" boolean DEFAULT false NOT NULL,
	"guest_access" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_integrations" ADD CONSTRAINT "account_integrations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_privileges" ADD CONSTRAINT "account_privileges_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Backfill: every existing account starts with the default integrations (Chat, on for every
-- customer account; catalogue version 1, no setup step) and an all-off privileges row.
INSERT INTO "account_integrations" ("account_id", "integration_id", "version", "setup_done")
SELECT "id", 'chat', 1, true FROM "accounts"
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "account_privileges" ("account_id")
SELECT "id" FROM "accounts"
ON CONFLICT DO NOTHING;
