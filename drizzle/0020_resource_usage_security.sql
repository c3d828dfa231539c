-- Per-organization resource usage is tenant data: forced RLS with the fail-closed tenant policy.
-- The application adds to its own organization's rows (insert, or update on conflict) and reads
-- them; nothing deletes them.
ALTER TABLE public.organization_resource_usage ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.organization_resource_usage FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.organization_resource_usage FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON public.organization_resource_usage TO agentcare_app;
