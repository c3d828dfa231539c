-- Moving one organization between databases, and removing it for good.
--
-- The audit chain's row hash covers organization_id, so an organization imported under a new id
-- cannot keep its old hashes. public.audit_import re-anchors the chain: it writes the exported rows
-- in their original chain order with every other column as exported (time, actor, action, lists),
-- and seals them into a new chain from the new organization's genesis hash. The export keeps the
-- original hashes and its manifest the original chain head; the import records both heads in a
-- platform event, so the old chain stays verifiable from the export and the new one by
-- audit:verify.
--
-- public.audit_purge deletes one organization's audit rows (offboarding). Both run as
-- agentcare_audit, which no login or application role is a member of; everything else still sees
-- an append-only table.

-- The stamp trigger (time, empty seal columns) does not apply to rows written by agentcare_audit
-- itself: only public.audit_import does that, and it sets those columns on purpose.
DROP TRIGGER audit_logs_stamp ON public.audit_logs;
--> statement-breakpoint
CREATE TRIGGER audit_logs_stamp BEFORE INSERT ON public.audit_logs
  FOR EACH ROW WHEN (current_user <> 'agentcare_audit') EXECUTE FUNCTION public.audit_logs_stamp();
--> statement-breakpoint
-- Imports exported audit rows (a JSON array, in chain order: sealed rows by seq, then unsealed)
-- into the current tenant, whose audit trail must hold nothing but rows this same transaction
-- imported (so it cannot slip back-dated rows into a live trail). Sealed rows are chained anew; rows
-- that were unsealed stay unsealed for the next seal. Returns the number of rows written.
CREATE OR REPLACE FUNCTION public.audit_import(org uuid, exported jsonb) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
DECLARE
  r public.audit_logs;
  next_seq bigint := 0;
  prev text;
  written integer := 0;
BEGIN
  IF org IS DISTINCT FROM public.app_current_tenant_id() THEN
    RAISE EXCEPTION 'audit rows for organization % imported outside its tenant context', org USING ERRCODE = '42501';
  END IF;
  PERFORM pg_advisory_xact_lock(1633971297, hashtext(org::text));
  IF EXISTS (
    SELECT 1 FROM public.audit_logs a
     WHERE a.organization_id = org AND a.xmin::text::bigint <> pg_current_xact_id()::text::bigint % 4294967296
  ) THEN
    RAISE EXCEPTION 'organization % already has an audit trail: import only into a new organization', org USING ERRCODE = '42501';
  END IF;
  SELECT a.seq, a.row_hash INTO next_seq, prev
    FROM public.audit_logs a WHERE a.organization_id = org AND a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1;
  IF NOT FOUND THEN
    next_seq := 0;
    prev := public.audit_genesis_hash(org);
  END IF;
  FOR r IN SELECT * FROM jsonb_populate_recordset(NULL::public.audit_logs, exported) LOOP
    r.organization_id := org;
    IF r.seq IS NOT NULL THEN
      next_seq := next_seq + 1;
      r.seq := next_seq;
      r.prev_hash := prev;
      r.row_hash := public.audit_row_hash(r);
      prev := r.row_hash;
    ELSE
      r.prev_hash := '';
      r.row_hash := '';
    END IF;
    INSERT INTO public.audit_logs SELECT r.*;
    written := written + 1;
  END LOOP;
  RETURN written;
END
$$;
--> statement-breakpoint
ALTER FUNCTION public.audit_import(uuid, jsonb) OWNER TO agentcare_audit;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.audit_import(uuid, jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.audit_import(uuid, jsonb) TO agentcare_app;
--> statement-breakpoint
-- Deleting is allowed to agentcare_audit for the one organization public.audit_purge names.
CREATE OR REPLACE FUNCTION public.audit_logs_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_user = 'agentcare_audit' THEN
    IF OLD.seq IS NULL AND OLD.prev_hash = '' AND OLD.row_hash = ''
       AND NEW.seq IS NOT NULL AND NEW.prev_hash <> '' AND NEW.row_hash <> ''
       AND (to_jsonb(NEW) - '{seq,prev_hash,row_hash}'::text[]) = (to_jsonb(OLD) - '{seq,prev_hash,row_hash}'::text[]) THEN
      RETURN NEW;
    END IF;
  END IF;
  IF TG_OP = 'DELETE' AND current_user = 'agentcare_audit'
     AND current_setting('agentcare.audit_purge', true) = OLD.organization_id::text THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP USING ERRCODE = '42501';
END
$$;
--> statement-breakpoint
-- Offboarding: deletes every audit row of one organization and returns how many. Only the platform
-- scope may call it (tenant code cannot erase its own trail); the caller records the deletion as a
-- platform event in the same transaction.
CREATE OR REPLACE FUNCTION public.audit_purge(org uuid) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
DECLARE
  deleted integer;
BEGIN
  IF org IS NULL THEN
    RAISE EXCEPTION 'audit_purge needs an organization';
  END IF;
  PERFORM set_config('app.current_tenant_id', org::text, true);
  PERFORM set_config('agentcare.audit_purge', org::text, true);
  PERFORM pg_advisory_xact_lock(1633971297, hashtext(org::text));
  DELETE FROM public.audit_logs WHERE organization_id = org;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  PERFORM set_config('agentcare.audit_purge', '', true);
  PERFORM set_config('app.current_tenant_id', '', true);
  RETURN deleted;
END
$$;
--> statement-breakpoint
ALTER FUNCTION public.audit_purge(uuid) OWNER TO agentcare_audit;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.audit_purge(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.audit_purge(uuid) TO agentcare_platform;
--> statement-breakpoint
-- Offboarding deletes every tenant table's rows of the organization, its resource usage included.
GRANT DELETE ON public.organization_resource_usage TO agentcare_app;
