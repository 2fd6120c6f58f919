CREATE TABLE "graph_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"monitor_id" uuid NOT NULL,
	"graph_user_ids" text[] NOT NULL,
	"client_state_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"last_notification_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"renewed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "monitor_auth_requests" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"monitor_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "o365_consent_requests" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"created_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "o365_consents" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"tenant_id" text,
	"detail" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "presence_monitors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"upn" text NOT NULL,
	"client_secret" text NOT NULL,
	"secret_set_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"refresh_token" text,
	"azure_user_id" text,
	"tenant_id" text,
	"client_id" text,
	"authorized_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams_connections" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"tenant_id" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text NOT NULL,
	"secret_set_at" timestamp with time zone NOT NULL,
	"secret_expires_at" timestamp with time zone,
	"sync_to_teams" boolean DEFAULT false NOT NULL,
	"sync_from_teams" boolean DEFAULT false NOT NULL,
	"subscribing_until" timestamp with time zone,
	"matched_at" timestamp with time zone,
	"match_error" text,
	"backoff_until" timestamp with time zone,
	"backoff_reason" text,
	"outage_streak" integer DEFAULT 0 NOT NULL,
	"last_verification" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams_presence_users" (
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"match" text NOT NULL,
	"graph_user_id" text,
	"graph_upn" text,
	"in_scope" boolean DEFAULT true NOT NULL,
	"presence" text,
	"decided_by" text,
	"pushed_action" text,
	"pushed_at" timestamp with time zone,
	"session_expires_at" timestamp with time zone,
	"dirty_since" timestamp with time zone,
	"claimed_until" timestamp with time zone,
	"claimed_dirty_since" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_status" integer,
	"last_error" text,
	"last_answer_at" timestamp with time zone,
	"last_latency_ms" integer,
	"teams_availability" text,
	"teams_activity" text,
	"teams_at" timestamp with time zone,
	"micollab_due_since" timestamp with time zone,
	"micollab_claimed_until" timestamp with time zone,
	"micollab_pushed_at" timestamp with time zone,
	"micollab_error" text,
	CONSTRAINT "teams_presence_users_account_id_user_id_pk" PRIMARY KEY("account_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "graph_subscriptions" ADD CONSTRAINT "graph_subscriptions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_subscriptions" ADD CONSTRAINT "graph_subscriptions_monitor_id_presence_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."presence_monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_auth_requests" ADD CONSTRAINT "monitor_auth_requests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_auth_requests" ADD CONSTRAINT "monitor_auth_requests_monitor_id_presence_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."presence_monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "o365_consent_requests" ADD CONSTRAINT "o365_consent_requests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "o365_consents" ADD CONSTRAINT "o365_consents_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presence_monitors" ADD CONSTRAINT "presence_monitors_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams_connections" ADD CONSTRAINT "teams_connections_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams_presence_users" ADD CONSTRAINT "teams_presence_users_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams_presence_users" ADD CONSTRAINT "teams_presence_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "graph_subscriptions_account_idx" ON "graph_subscriptions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "graph_subscriptions_monitor_idx" ON "graph_subscriptions" USING btree ("monitor_id");--> statement-breakpoint
CREATE INDEX "graph_subscriptions_expires_idx" ON "graph_subscriptions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "monitor_auth_requests_account_idx" ON "monitor_auth_requests" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "o365_consent_requests_account_idx" ON "o365_consent_requests" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "presence_monitors_account_idx" ON "presence_monitors" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "presence_monitors_upn_uq" ON "presence_monitors" USING btree ("account_id",lower("upn"));--> statement-breakpoint
CREATE INDEX "teams_presence_users_user_idx" ON "teams_presence_users" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "teams_presence_users_due_idx" ON "teams_presence_users" USING btree ("dirty_since");--> statement-breakpoint
CREATE INDEX "teams_presence_users_session_idx" ON "teams_presence_users" USING btree ("session_expires_at");--> statement-breakpoint
CREATE INDEX "teams_presence_users_graph_idx" ON "teams_presence_users" USING btree ("account_id","graph_user_id");--> statement-breakpoint
CREATE INDEX "teams_presence_users_micollab_idx" ON "teams_presence_users" USING btree ("micollab_due_since");