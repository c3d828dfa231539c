-- Locations, resources and providers' weekly locations are tenant data: forced RLS with the
-- fail-closed tenant policy. Staff add and edit locations and resources (deactivating, never
-- deleting, since visits name them); a provider's week is replaced as a whole. Only offboarding an
-- organization deletes location and resource rows.
ALTER TABLE public.locations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.locations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.locations FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.locations TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.resources ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.resources FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.resources FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.resources TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.provider_locations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.provider_locations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.provider_locations FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.provider_locations TO agentcare_app;
--> statement-breakpoint
-- A room or machine is never double-booked, whatever races happen: no two live visits holding one
-- resource may overlap, buffers included (the same rule the provider's constraint enforces).
ALTER TABLE public.appointments ADD CONSTRAINT appointments_resource_no_overlap EXCLUDE USING gist (
  organization_id WITH =,
  resource_id WITH =,
  public.appointment_block(starts_at, ends_at, buffer_before_minutes, buffer_after_minutes) WITH &&
) WHERE (resource_id IS NOT NULL AND status NOT IN ('cancelled', 'no_show'));
