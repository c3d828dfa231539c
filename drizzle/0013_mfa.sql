CREATE TABLE "user_mfa" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"secret_ciphertext" text,
	"pending_secret_ciphertext" text,
	"enabled_at" timestamp with time zone,
	"last_used_step" bigint,
	"recovery_code_hashes" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organization_settings" ADD COLUMN "require_mfa_for_staff" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "user_mfa" ADD CONSTRAINT "user_mfa_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Authenticator-app state is a platform table: only the platform role reads or changes it.
ALTER TABLE public.user_mfa ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.user_mfa FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY user_mfa_platform ON public.user_mfa FOR ALL TO agentcare_platform
  USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.user_mfa TO agentcare_platform;
--> statement-breakpoint
-- Whether the transaction's signed-in user (app.current_user_id) has an authenticator app turned
-- on. The tenant role cannot read user_mfa; this answers only that one yes/no about that one user,
-- so the request pipeline can hold an organization's "require two-factor" setting in its tenant
-- transaction.
CREATE OR REPLACE FUNCTION public.app_current_user_has_mfa()
  RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM public.user_mfa
       WHERE user_id = public.app_current_user_id() AND enabled_at IS NOT NULL
    )
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_current_user_has_mfa() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_current_user_has_mfa() TO agentcare_app;
--> statement-breakpoint
ALTER FUNCTION public.app_current_user_has_mfa() OWNER TO agentcare_platform;
