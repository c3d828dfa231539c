CREATE TABLE "account_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"to_email" text NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"status" "notification_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose" text NOT NULL,
	"token_hash" text NOT NULL,
	"email" text NOT NULL,
	"user_id" uuid,
	"organization_id" uuid,
	"invitation_id" uuid,
	"name" text,
	"password_hash" text,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_tokens_token_hash_key" UNIQUE("token_hash"),
	CONSTRAINT "account_tokens_purpose" CHECK ("account_tokens"."purpose" in ('confirm_owner', 'password_reset'))
);
--> statement-breakpoint
CREATE TABLE "user_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_messages_due_idx" ON "account_messages" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "account_tokens_email_idx" ON "account_tokens" USING btree (lower("email"),"purpose");--> statement-breakpoint
CREATE INDEX "user_sessions_user_idx" ON "user_sessions" USING btree ("user_id");--> statement-breakpoint
-- Sessions, address proofs and account e-mails are platform data: the platform role only.
ALTER TABLE public.user_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.user_sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY user_sessions_platform ON public.user_sessions FOR ALL TO agentcare_platform
  USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE public.account_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.account_tokens FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY account_tokens_platform ON public.account_tokens FOR ALL TO agentcare_platform
  USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE public.account_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.account_messages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY account_messages_platform ON public.account_messages FOR ALL TO agentcare_platform
  USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON public.user_sessions TO agentcare_platform;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON public.account_tokens TO agentcare_platform;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON public.account_messages TO agentcare_platform;
