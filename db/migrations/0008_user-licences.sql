CREATE TABLE "user_licences" (
	"user_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"product" "order_product" NOT NULL,
	"level" "mitel_one_level",
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_licences_user_id_product_pk" PRIMARY KEY("user_id","product"),
	CONSTRAINT "user_licences_level" CHECK (("user_licences"."product" = 'mitelOne') = ("user_licences"."level" is not null))
);
--> statement-breakpoint
ALTER TABLE "user_licences" ADD CONSTRAINT "user_licences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_licences" ADD CONSTRAINT "user_licences_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_licences_account_idx" ON "user_licences" USING btree ("account_id","product","level");