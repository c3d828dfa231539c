-- SMS settings and the SMS outbox are tenant data: forced RLS with the fail-closed tenant policy.
-- The application writes settings and queues, sends and retries messages; only offboarding an
-- organization deletes its rows.
ALTER TABLE public.sms_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.sms_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.sms_settings FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.sms_settings TO agentcare_app;
--> statement-breakpoint
ALTER TABLE public.sms_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.sms_messages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.sms_messages FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.sms_messages TO agentcare_app;
