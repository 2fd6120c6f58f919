CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TYPE "public"."account_status" ADD VALUE 'deleting';--> statement-breakpoint
CREATE TABLE "support_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_extensions" (
	"account_id" uuid NOT NULL,
	"extension" text NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "user_extensions_account_id_extension_pk" PRIMARY KEY("account_id","extension")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "login_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "inactive" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "iot_connected" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(coalesce("users"."display_name", '') || ' ' || coalesce("users"."first_name", '') || ' ' || coalesce("users"."last_name", '') || ' ' || "users"."email")) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "support_contacts" ADD CONSTRAINT "support_contacts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_contacts" ADD CONSTRAINT "support_contacts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_extensions" ADD CONSTRAINT "user_extensions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_extensions" ADD CONSTRAINT "user_extensions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "support_contacts_account_email_uq" ON "support_contacts" USING btree ("account_id",lower("email"));--> statement-breakpoint
CREATE INDEX "support_contacts_user_idx" ON "support_contacts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_extensions_user_idx" ON "user_extensions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_extensions_prefix_idx" ON "user_extensions" USING btree ("account_id","extension" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "users_account_mobile_uq" ON "users" USING btree ("account_id","mobile");--> statement-breakpoint
CREATE UNIQUE INDEX "users_account_phone_uq" ON "users" USING btree ("account_id","phone");--> statement-breakpoint
CREATE UNIQUE INDEX "users_account_login_uq" ON "users" USING btree ("account_id",lower("login_id"));--> statement-breakpoint
CREATE INDEX "users_account_name_idx" ON "users" USING btree ("account_id",lower("display_name"),"id");--> statement-breakpoint
CREATE INDEX "users_search_trgm_idx" ON "users" USING gin ("search_text" gin_trgm_ops);