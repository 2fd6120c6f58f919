CREATE TYPE "public"."import_status" AS ENUM('uploading', 'parsing', 'ready', 'committing', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "user_import_chunks" (
	"import_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "user_import_chunks_import_id_seq_pk" PRIMARY KEY("import_id","seq")
);
--> statement-breakpoint
CREATE TABLE "user_import_rows" (
	"import_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"last_name" text DEFAULT '' NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"role_key" text,
	"email_key" text,
	"errors" jsonb,
	"duplicate_of" integer,
	"in_use" boolean DEFAULT false NOT NULL,
	"created_user_id" uuid,
	"has_error" boolean GENERATED ALWAYS AS (("user_import_rows"."errors" is not null or "user_import_rows"."duplicate_of" is not null or "user_import_rows"."in_use")) STORED NOT NULL,
	CONSTRAINT "user_import_rows_import_id_row_number_pk" PRIMARY KEY("import_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "user_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"file_name" text NOT NULL,
	"file_bytes" integer NOT NULL,
	"status" "import_status" DEFAULT 'uploading' NOT NULL,
	"bytes_read" integer DEFAULT 0 NOT NULL,
	"row_count" integer DEFAULT 0 NOT NULL,
	"commit_total" integer DEFAULT 0 NOT NULL,
	"commit_done" integer DEFAULT 0 NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"error_key" text,
	"error_params" jsonb,
	"notification_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_import_chunks" ADD CONSTRAINT "user_import_chunks_import_id_user_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."user_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_import_rows" ADD CONSTRAINT "user_import_rows_import_id_user_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."user_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_imports" ADD CONSTRAINT "user_imports_partner_org_id_partner_orgs_id_fk" FOREIGN KEY ("partner_org_id") REFERENCES "public"."partner_orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_imports" ADD CONSTRAINT "user_imports_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_imports" ADD CONSTRAINT "user_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_import_rows_email_idx" ON "user_import_rows" USING btree ("import_id","email_key");--> statement-breakpoint
CREATE INDEX "user_import_rows_open_idx" ON "user_import_rows" USING btree ("import_id","has_error","row_number") WHERE "user_import_rows"."created_user_id" is null;--> statement-breakpoint
CREATE INDEX "user_imports_account_idx" ON "user_imports" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "user_imports_created_by_idx" ON "user_imports" USING btree ("created_by");