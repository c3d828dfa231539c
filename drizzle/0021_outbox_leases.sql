ALTER TABLE "account_messages" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "account_messages" ADD COLUMN "lease_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "lease_expires_at" timestamp with time zone;