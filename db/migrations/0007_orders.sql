CREATE TYPE "public"."mitel_one_level" AS ENUM('essential', 'premier', 'elite');--> statement-breakpoint
CREATE TYPE "public"."order_activation" AS ENUM('active', 'pending');--> statement-breakpoint
CREATE TYPE "public"."order_product" AS ENUM('mitelOne', 'miteamMeetings');--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_org_id" uuid NOT NULL,
	"sap_order_id" text NOT NULL,
	"product" "order_product" NOT NULL,
	"level" "mitel_one_level",
	"licence_count" integer NOT NULL,
	"term_months" integer,
	"purchase_date" date NOT NULL,
	"expires_on" date,
	"perpetual" boolean DEFAULT false NOT NULL,
	"activation" "order_activation" DEFAULT 'active' NOT NULL,
	"tracking_number" text NOT NULL,
	"reseller_po" text,
	"reseller_sap_id" text,
	"customer_po" text,
	"account_id" uuid,
	"assigned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_licences_positive" CHECK ("orders"."licence_count" > 0),
	CONSTRAINT "orders_term" CHECK (("orders"."perpetual" and "orders"."expires_on" is null) or (not "orders"."perpetual" and "orders"."expires_on" is not null)),
	CONSTRAINT "orders_level" CHECK (("orders"."product" = 'mitelOne') = ("orders"."level" is not null))
);
--> statement-breakpoint
CREATE TABLE "partner_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "partner_orgs" ADD COLUMN "billing_account" text;--> statement-breakpoint
ALTER TABLE "partner_orgs" ADD COLUMN "prime" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_partner_org_id_partner_orgs_id_fk" FOREIGN KEY ("partner_org_id") REFERENCES "public"."partner_orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_api_keys" ADD CONSTRAINT "partner_api_keys_partner_org_id_partner_orgs_id_fk" FOREIGN KEY ("partner_org_id") REFERENCES "public"."partner_orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_api_keys" ADD CONSTRAINT "partner_api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_sap_order_uq" ON "orders" USING btree ("partner_org_id","sap_order_id");--> statement-breakpoint
CREATE INDEX "orders_account_idx" ON "orders" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "orders_partner_created_idx" ON "orders" USING btree ("partner_org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_api_keys_hash_uq" ON "partner_api_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "partner_api_keys_org_idx" ON "partner_api_keys" USING btree ("partner_org_id");