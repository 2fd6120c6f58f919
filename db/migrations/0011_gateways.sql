CREATE TYPE "public"."gateway_command_status" AS ENUM('pending', 'done', 'failed', 'expired');--> statement-breakpoint
CREATE TYPE "public"."gateway_model" AS ENUM('physical', 'virtual');--> statement-breakpoint
CREATE TYPE "public"."gateway_platform" AS ENUM('standalone', 'smbc');--> statement-breakpoint
CREATE TYPE "public"."pbx_type" AS ENUM('mivo400', 'mv5000', 'mxone', 'mivb');--> statement-breakpoint
CREATE TABLE "gateway_commands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"gateway_id" uuid NOT NULL,
	"account_id" uuid,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "gateway_command_status" DEFAULT 'pending' NOT NULL,
	"result" jsonb,
	"error" jsonb,
	"deliveries" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gateway_event_receipts" (
	"gateway_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gateway_event_receipts_gateway_id_event_id_pk" PRIMARY KEY("gateway_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "gateways" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hardware_id" text NOT NULL,
	"link_code_hash" text,
	"poll_token_hash" text,
	"credential_hash" text,
	"credential_pickup" text,
	"account_id" uuid,
	"model" "gateway_model" NOT NULL,
	"platform" "gateway_platform" NOT NULL,
	"software_version" text NOT NULL,
	"available_version" text,
	"scheduled_update" jsonb,
	"claimed_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"site" jsonb,
	"site_linked_at" timestamp with time zone,
	"pbx_type" "pbx_type",
	"pbx_address" text,
	"pbx_username" text,
	"pbx_password_sealed" text,
	"pbx_version" text,
	"pbx_linked_at" timestamp with time zone,
	"connected_at" timestamp with time zone,
	"sync_interval_minutes" integer DEFAULT 20 NOT NULL,
	"next_sync_at" timestamp with time zone,
	"last_sync" jsonb,
	"error_key" text,
	"error_params" jsonb,
	"log_bundles" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"deployment_sent_at" timestamp with time zone,
	"reset_requested_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pbx_call_records" (
	"account_id" uuid NOT NULL,
	"record_id" text NOT NULL,
	"pbx_user_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"duration_seconds" integer NOT NULL,
	"direction" text NOT NULL,
	"from_number" text NOT NULL,
	"to_number" text NOT NULL,
	CONSTRAINT "pbx_call_records_account_id_record_id_pk" PRIMARY KEY("account_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "pbx_sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"gateway_id" uuid NOT NULL,
	"snapshot_id" text,
	"total" integer DEFAULT 0 NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"notification_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pbx_sync_staged" (
	"run_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "pbx_sync_staged_run_id_position_pk" PRIMARY KEY("run_id","position")
);
--> statement-breakpoint
CREATE TABLE "pbx_user_states" (
	"account_id" uuid NOT NULL,
	"pbx_user_id" text NOT NULL,
	"extension" text,
	"line_state" text,
	"line_at" timestamp with time zone,
	"presence" text,
	"presence_at" timestamp with time zone,
	"dnd" boolean,
	"dnd_at" timestamp with time zone,
	CONSTRAINT "pbx_user_states_account_id_pbx_user_id_pk" PRIMARY KEY("account_id","pbx_user_id")
);
--> statement-breakpoint
CREATE TABLE "pbx_users" (
	"account_id" uuid NOT NULL,
	"pbx_user_id" text NOT NULL,
	"user_id" uuid,
	"first_name" text,
	"last_name" text,
	"email" text,
	"extensions" text[] NOT NULL,
	"cloudlink_role" boolean NOT NULL,
	"devices" integer DEFAULT 1 NOT NULL,
	"present" boolean DEFAULT true NOT NULL,
	"fingerprint" text NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pbx_users_account_id_pbx_user_id_pk" PRIMARY KEY("account_id","pbx_user_id")
);
--> statement-breakpoint
ALTER TABLE "gateway_commands" ADD CONSTRAINT "gateway_commands_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_commands" ADD CONSTRAINT "gateway_commands_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_event_receipts" ADD CONSTRAINT "gateway_event_receipts_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateways" ADD CONSTRAINT "gateways_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pbx_call_records" ADD CONSTRAINT "pbx_call_records_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pbx_sync_runs" ADD CONSTRAINT "pbx_sync_runs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pbx_sync_runs" ADD CONSTRAINT "pbx_sync_runs_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pbx_sync_staged" ADD CONSTRAINT "pbx_sync_staged_run_id_pbx_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pbx_sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pbx_sync_staged" ADD CONSTRAINT "pbx_sync_staged_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pbx_user_states" ADD CONSTRAINT "pbx_user_states_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pbx_users" ADD CONSTRAINT "pbx_users_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pbx_users" ADD CONSTRAINT "pbx_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gateway_commands_pending_idx" ON "gateway_commands" USING btree ("gateway_id","created_at") WHERE "gateway_commands"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "gateway_commands_account_idx" ON "gateway_commands" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "gateway_event_receipts_received_idx" ON "gateway_event_receipts" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "gateways_hardware_id_uq" ON "gateways" USING btree ("hardware_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gateways_link_code_uq" ON "gateways" USING btree ("link_code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "gateways_poll_token_uq" ON "gateways" USING btree ("poll_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "gateways_account_uq" ON "gateways" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "gateways_next_sync_idx" ON "gateways" USING btree ("next_sync_at") WHERE "gateways"."account_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "pbx_call_records_started_idx" ON "pbx_call_records" USING btree ("account_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pbx_sync_runs_account_uq" ON "pbx_sync_runs" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "pbx_sync_staged_account_idx" ON "pbx_sync_staged" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "pbx_users_user_idx" ON "pbx_users" USING btree ("user_id");