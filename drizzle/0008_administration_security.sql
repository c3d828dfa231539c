-- Tenant tables of administration: forced RLS with the fail-closed tenant policy, app-role grants.
--> statement-breakpoint
ALTER TABLE public.organization_usage ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.organization_usage FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.organization_usage FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.organization_usage TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.api_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.api_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.api_keys FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.api_keys TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.invitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.invitations FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.invitations TO agentcare_app;
--> statement-breakpoint
-- Tenants add their own domains (drizzle lists every column, defaults included), but a row a
-- tenant inserts is always unverified: verification is the platform's call after a DNS check.
GRANT INSERT (organization_id, id, domain, is_primary, verification_token, verified_at, created_at) ON public.organization_domains TO agentcare_app;
--> statement-breakpoint
CREATE POLICY organization_domains_tenant_unverified ON public.organization_domains AS RESTRICTIVE FOR INSERT TO agentcare_app
  WITH CHECK (verified_at IS NULL);
--> statement-breakpoint
GRANT DELETE ON public.organization_domains TO agentcare_app;
