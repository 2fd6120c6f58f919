ALTER TABLE "user_licences" DROP CONSTRAINT "user_licences_level";--> statement-breakpoint
ALTER TABLE "user_licences" ADD COLUMN "features" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "user_licences" ADD CONSTRAINT "user_licences_level" CHECK ("user_licences"."product" = 'mitelOne' or "user_licences"."level" is null);