-- Hand-written: everything drizzle-kit cannot emit. Reviewed like code.
-- Roles, the tenant functions, forced row-level security, grants, the double-booking exclusion
-- constraint, the append-only hash-chained audit log, and the default organization.

-- Roles are cluster-wide: create them once, then pin their attributes on every migration.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'agentcare_app') THEN
    CREATE ROLE agentcare_app NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'agentcare_platform') THEN
    CREATE ROLE agentcare_platform NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'agentcare_audit') THEN
    CREATE ROLE agentcare_audit NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'agentcare_runtime') THEN
    CREATE ROLE agentcare_runtime LOGIN NOINHERIT;
  END IF;
END
$$;
--> statement-breakpoint
ALTER ROLE agentcare_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
--> statement-breakpoint
ALTER ROLE agentcare_platform NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
--> statement-breakpoint
ALTER ROLE agentcare_audit NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
--> statement-breakpoint
-- The pool's login role: no privileges of its own (NOINHERIT), so a query outside
-- withTenant/withPlatform fails with "permission denied".
ALTER ROLE agentcare_runtime LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
--> statement-breakpoint
GRANT agentcare_app, agentcare_platform TO agentcare_runtime;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- '' (not NULL) is what current_setting returns once the setting has been used on a connection.
-- STABLE + SQL: inlined into policies, so the leading organization_id index is used.
CREATE OR REPLACE FUNCTION public.app_current_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.current_tenant_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_current_user_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.current_user_id', true), '')::uuid $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO agentcare_app, agentcare_platform, agentcare_audit;
--> statement-breakpoint

-- ───────────── tenant tables: RLS enabled and forced, one fail-closed policy each ─────────────
ALTER TABLE public.memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.memberships FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
-- The org switcher: the platform role may read the signed-in user's own memberships.
CREATE POLICY memberships_self_read ON public.memberships FOR SELECT TO agentcare_platform
  USING (user_id = public.app_current_user_id());
--> statement-breakpoint
ALTER TABLE public.organization_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.organization_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.organization_settings FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
ALTER TABLE public.organization_branding ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.organization_branding FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.organization_branding FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
ALTER TABLE public.providers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.providers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.providers FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
ALTER TABLE public.patients ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.patients FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.patients FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
ALTER TABLE public.appointment_types ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.appointment_types FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.appointment_types FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
ALTER TABLE public.appointments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.appointments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.appointments FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
ALTER TABLE public.audit_logs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.audit_logs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Applies to every role, the audit owner included: the chain trigger (SECURITY DEFINER, run as
-- agentcare_audit) reads the chain head through this policy, inside the writer's tenant.
CREATE POLICY tenant_isolation ON public.audit_logs FOR ALL
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint

-- ───────────── platform tables ─────────────
ALTER TABLE public.organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.organizations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organizations_platform ON public.organizations FOR ALL TO agentcare_platform
  USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY organizations_tenant_self ON public.organizations FOR ALL TO agentcare_app
  USING (id = public.app_current_tenant_id())
  WITH CHECK (id = public.app_current_tenant_id());
--> statement-breakpoint
ALTER TABLE public.organization_domains ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.organization_domains FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organization_domains_platform ON public.organization_domains FOR ALL TO agentcare_platform
  USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY tenant_isolation ON public.organization_domains FOR ALL TO agentcare_app
  USING (organization_id = public.app_current_tenant_id())
  WITH CHECK (organization_id = public.app_current_tenant_id());
--> statement-breakpoint
ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_platform ON public.users FOR ALL TO agentcare_platform
  USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE public.security_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.security_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY security_events_platform ON public.security_events FOR ALL TO agentcare_platform
  USING (true) WITH CHECK (true);
--> statement-breakpoint

-- ───────────── least-privilege grants ─────────────
GRANT SELECT, INSERT, UPDATE, DELETE ON
  public.memberships, public.organization_settings, public.organization_branding,
  public.providers, public.patients, public.appointment_types, public.appointments,
  public.organization_domains
  TO agentcare_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON public.audit_logs TO agentcare_app;
--> statement-breakpoint
-- A tenant may read its own organization and edit its profile; plan and status are the platform's.
GRANT SELECT ON public.organizations TO agentcare_app;
--> statement-breakpoint
GRANT UPDATE (name, type, address, contact_info, time_zone, updated_at) ON public.organizations TO agentcare_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON public.organizations, public.organization_domains, public.users TO agentcare_platform;
--> statement-breakpoint
GRANT SELECT, INSERT ON public.security_events TO agentcare_platform;
--> statement-breakpoint
GRANT SELECT ON public.memberships TO agentcare_platform;
--> statement-breakpoint

-- ───────────── double booking: impossible in the database ─────────────
-- The span a booking occupies, buffers included. Minute intervals do not depend on the time
-- zone, so this is truly immutable (timestamptz - interval is only STABLE for month/day units).
CREATE OR REPLACE FUNCTION public.appointment_block(starts timestamptz, ends timestamptz, before_min integer, after_min integer)
  RETURNS tstzrange LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT tstzrange(starts - make_interval(mins => before_min), ends + make_interval(mins => after_min), '[)') $$;
--> statement-breakpoint
ALTER TABLE public.appointments ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
  organization_id WITH =,
  provider_id WITH =,
  public.appointment_block(starts_at, ends_at, buffer_before_minutes, buffer_after_minutes) WITH &&
) WHERE (status NOT IN ('cancelled', 'no_show'));
--> statement-breakpoint

-- ───────────── audit log: append-only, hash-chained per organization ─────────────
CREATE OR REPLACE FUNCTION public.audit_genesis_hash(org uuid) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT encode(sha256(convert_to('agentcare-audit-genesis:' || org::text, 'UTF8')), 'hex') $$;
--> statement-breakpoint
-- Canonical text of a row: a JSON array (unambiguous with NULLs and separators); the time as
-- epoch microseconds so the session's TimeZone cannot change the text.
CREATE OR REPLACE FUNCTION public.audit_row_hash(r public.audit_logs) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT encode(sha256(convert_to(r.prev_hash || jsonb_build_array(
      r.organization_id, r.seq, r.id, (extract(epoch FROM r.occurred_at) * 1000000)::bigint,
      r.actor_user_id, r.actor_type, r.actor_role, r.action, r.resource_type, r.resource_id,
      r.patient_id, r.outcome, r.request_id, r.ip, r.user_agent, r.metadata
    )::text, 'UTF8')), 'hex')
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.audit_logs_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
DECLARE
  head record;
BEGIN
  IF NEW.organization_id IS DISTINCT FROM public.app_current_tenant_id() THEN
    RAISE EXCEPTION 'audit row for organization % written outside its tenant context', NEW.organization_id
      USING ERRCODE = '42501';
  END IF;
  -- One writer per organization at a time, held to commit: the chain can never fork.
  PERFORM pg_advisory_xact_lock(1633971297, hashtext(NEW.organization_id::text));
  SELECT a.seq, a.row_hash INTO head
    FROM public.audit_logs a
   WHERE a.organization_id = NEW.organization_id
   ORDER BY a.seq DESC
   LIMIT 1;
  IF FOUND THEN
    NEW.seq := head.seq + 1;
    NEW.prev_hash := head.row_hash;
  ELSE
    NEW.seq := 1;
    NEW.prev_hash := public.audit_genesis_hash(NEW.organization_id);
  END IF;
  IF NEW.prev_hash IS NULL OR NEW.prev_hash = '' THEN
    RAISE EXCEPTION 'audit chain head of organization % is unreadable', NEW.organization_id;
  END IF;
  NEW.occurred_at := clock_timestamp();
  NEW.row_hash := public.audit_row_hash(NEW);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.audit_logs_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP USING ERRCODE = '42501';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_logs_chain BEFORE INSERT ON public.audit_logs
  FOR EACH ROW EXECUTE FUNCTION public.audit_logs_chain();
--> statement-breakpoint
CREATE TRIGGER audit_logs_no_update_delete BEFORE UPDATE OR DELETE ON public.audit_logs
  FOR EACH ROW EXECUTE FUNCTION public.audit_logs_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON public.audit_logs
  FOR EACH STATEMENT EXECUTE FUNCTION public.audit_logs_refuse_change();
--> statement-breakpoint
ALTER TABLE public.audit_logs OWNER TO agentcare_audit;
--> statement-breakpoint
ALTER FUNCTION public.audit_logs_chain() OWNER TO agentcare_audit;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.audit_logs_chain() FROM PUBLIC;
--> statement-breakpoint

-- ───────────── the default organization (MULTI_TENANCY=false) ─────────────
INSERT INTO public.organizations (id, name, slug, type, address, contact_info)
VALUES ('00000000-0000-0000-0000-000000000000', 'Default Organization', 'default', 'hospital', '{}', '{}')
ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
SELECT set_config('app.current_tenant_id', '00000000-0000-0000-0000-000000000000', true);
--> statement-breakpoint
INSERT INTO public.organization_settings (organization_id) VALUES ('00000000-0000-0000-0000-000000000000')
ON CONFLICT (organization_id) DO NOTHING;
--> statement-breakpoint
INSERT INTO public.organization_branding (organization_id, display_name)
VALUES ('00000000-0000-0000-0000-000000000000', 'Default Organization')
ON CONFLICT (organization_id) DO NOTHING;
--> statement-breakpoint
SELECT set_config('app.current_tenant_id', '', true);
