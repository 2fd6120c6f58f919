CREATE TABLE "role_accounts" (
	"role_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_accounts_role_id_account_id_pk" PRIMARY KEY("role_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "role_accounts" ADD CONSTRAINT "role_accounts_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_accounts" ADD CONSTRAINT "role_accounts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "role_accounts_account_idx" ON "role_accounts" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roles_org_name_uq" ON "roles" USING btree ("partner_org_id",lower("name"));