-- An organization's single sign-on set-up is tenant data (its client secret, encrypted): forced
-- RLS with the fail-closed tenant policy.
ALTER TABLE public.organization_sso ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.organization_sso FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.organization_sso FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.organization_sso TO agentcare_app;
