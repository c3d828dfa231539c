-- The members of the current tenant with their names and e-mails, for the admin console. The
-- tenant role cannot read users (a platform table); this function shows it exactly the users
-- who are members of app_current_tenant_id() and nothing else.
CREATE OR REPLACE FUNCTION public.tenant_member_directory()
  RETURNS TABLE (user_id uuid, name text, email text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT u.id, u.name, u.email
      FROM public.users u
      JOIN public.memberships m ON m.user_id = u.id
     WHERE m.organization_id = public.app_current_tenant_id()
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.tenant_member_directory() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.tenant_member_directory() TO agentcare_app;
--> statement-breakpoint
-- Runs with the platform role's rights (users readable; memberships through the tenant policy),
-- whoever ran the migration.
ALTER FUNCTION public.tenant_member_directory() OWNER TO agentcare_platform;
