-- Webhook endpoints and their deliveries are tenant data (a delivery's payload can hold patient
-- details, when the organization chose so): forced RLS with the fail-closed tenant policy.
ALTER TABLE public.webhook_endpoints ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.webhook_endpoints FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.webhook_endpoints FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.webhook_endpoints TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.webhook_deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.webhook_deliveries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.webhook_deliveries FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.webhook_deliveries TO agentcare_app;
