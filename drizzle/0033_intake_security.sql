-- Intake forms and the answers given to them are tenant data (the answers are patient data):
-- forced RLS with the fail-closed tenant policy. A form is replaced as a whole; an answer row is
-- written once and then updated by the patient or staff until the visit; only offboarding an
-- organization deletes them.
ALTER TABLE public.intake_forms ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.intake_forms FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.intake_forms FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.intake_forms TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.intake_responses ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.intake_responses FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.intake_responses FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.intake_responses TO agentcare_app;
