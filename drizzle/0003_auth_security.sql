-- Platform tables for sign-in throttling and session hand-offs: the platform role only.
ALTER TABLE public.sign_in_throttles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.sign_in_throttles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sign_in_throttles_platform ON public.sign_in_throttles FOR ALL TO agentcare_platform
  USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE public.session_handoffs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.session_handoffs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY session_handoffs_platform ON public.session_handoffs FOR ALL TO agentcare_platform
  USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.sign_in_throttles TO agentcare_platform;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON public.session_handoffs TO agentcare_platform;
--> statement-breakpoint
-- A tenant may register domains and choose its primary one, but never mark a domain verified:
-- verification (DNS TXT check) happens on the platform side, so nobody can claim another's hostname.
REVOKE INSERT, UPDATE ON public.organization_domains FROM agentcare_app;
--> statement-breakpoint
GRANT INSERT (organization_id, domain, is_primary) ON public.organization_domains TO agentcare_app;
--> statement-breakpoint
GRANT UPDATE (is_primary) ON public.organization_domains TO agentcare_app;
