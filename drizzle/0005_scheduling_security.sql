-- Tenant tables of scheduling: forced RLS with the fail-closed tenant policy, app-role grants.
--> statement-breakpoint
ALTER TABLE public.provider_working_hours ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.provider_working_hours FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.provider_working_hours FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.provider_working_hours TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.provider_date_overrides ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.provider_date_overrides FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.provider_date_overrides FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.provider_date_overrides TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.provider_time_off ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.provider_time_off FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.provider_time_off FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.provider_time_off TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.provider_appointment_types ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.provider_appointment_types FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.provider_appointment_types FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.provider_appointment_types TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.booking_holds ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.booking_holds FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.booking_holds FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.booking_holds TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.notifications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.notifications FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.notifications TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.waitlist_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.waitlist_entries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.waitlist_entries FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.waitlist_entries TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.waitlist_offers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.waitlist_offers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.waitlist_offers FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.waitlist_offers TO agentcare_app;
