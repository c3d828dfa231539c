-- Calendar feeds are tenant data: forced RLS with the fail-closed tenant policy. The application
-- makes feeds, revokes them (the row stays) and notes when one was last fetched; only offboarding
-- an organization deletes its rows.
ALTER TABLE public.calendar_feeds ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.calendar_feeds FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.calendar_feeds FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.calendar_feeds TO agentcare_app;
