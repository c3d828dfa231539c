-- Appointment series are tenant data: forced RLS with the fail-closed tenant policy. The
-- application creates a series and reads it; only offboarding an organization deletes its rows.
ALTER TABLE public.appointment_series ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.appointment_series FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.appointment_series FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON public.appointment_series TO agentcare_app;
