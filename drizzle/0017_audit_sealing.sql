-- Audit rows are appended without a lock and sealed into the per-organization hash chain afterwards.
--
-- Before: a BEFORE INSERT trigger chained every row at insert, under the organization's advisory
-- lock held to commit, so every reader of a hospital (each list writes audit rows) queued behind
-- the others. Now the insert trigger only stamps the row (time, tenant check, patient list) and
-- leaves it unsealed (seq NULL, hashes ''); public.audit_seal takes the lock, appends the waiting
-- rows to the chain in the order they were written, and is the only code that may fill those
-- three columns, once. Writers (mutations, security events) call it in their own transaction, the
-- worker and the server's in-process sealer call it for readers' rows. audit:verify checks the
-- sealed chain and reports rows left unsealed for too long.

-- The hash now covers the patient and record lists. A row with both lists empty hashes exactly as
-- before (rows chained before this migration keep verifying); a row with a list appends both, so
-- emptying or filling a list after sealing changes the hash either way.
CREATE OR REPLACE FUNCTION public.audit_row_hash(r public.audit_logs) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT encode(sha256(convert_to(r.prev_hash || (
      jsonb_build_array(
        r.organization_id, r.seq, r.id, (extract(epoch FROM r.occurred_at) * 1000000)::bigint,
        r.actor_user_id, r.actor_type, r.actor_role, r.action, r.resource_type, r.resource_id,
        r.patient_id, r.outcome, r.request_id, r.ip, r.user_agent, r.metadata
      ) || CASE
        WHEN coalesce(cardinality(r.patient_ids), 0) = 0 AND coalesce(cardinality(r.resource_ids), 0) = 0 THEN '[]'::jsonb
        ELSE jsonb_build_array(r.patient_ids, r.resource_ids)
      END
    )::text, 'UTF8')), 'hex')
  $$;
--> statement-breakpoint
DROP TRIGGER audit_logs_chain ON public.audit_logs;
--> statement-breakpoint
DROP FUNCTION public.audit_logs_chain();
--> statement-breakpoint
-- Runs as agentcare_audit to check patient_ids against the organization's patients (an array
-- cannot carry the composite foreign key that patient_id has).
CREATE OR REPLACE FUNCTION public.audit_logs_stamp() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
BEGIN
  IF NEW.organization_id IS DISTINCT FROM public.app_current_tenant_id() THEN
    RAISE EXCEPTION 'audit row for organization % written outside its tenant context', NEW.organization_id
      USING ERRCODE = '42501';
  END IF;
  -- Whatever the writer sent, a row starts unsealed: only public.audit_seal places it in the chain.
  NEW.seq := NULL;
  NEW.prev_hash := '';
  NEW.row_hash := '';
  NEW.occurred_at := clock_timestamp();
  IF NEW.patient_id IS NOT NULL AND NOT (NEW.patient_id = ANY (NEW.patient_ids)) THEN
    NEW.patient_ids := array_prepend(NEW.patient_id, NEW.patient_ids);
  END IF;
  IF EXISTS (
    SELECT 1 FROM unnest(NEW.patient_ids) AS listed(id)
     WHERE NOT EXISTS (SELECT 1 FROM public.patients p WHERE p.organization_id = NEW.organization_id AND p.id = listed.id)
  ) THEN
    RAISE EXCEPTION 'audit row lists a patient that organization % does not hold', NEW.organization_id
      USING ERRCODE = '23503', CONSTRAINT = 'audit_logs_patient_fk';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_logs_stamp BEFORE INSERT ON public.audit_logs
  FOR EACH ROW EXECUTE FUNCTION public.audit_logs_stamp();
--> statement-breakpoint
ALTER FUNCTION public.audit_logs_stamp() OWNER TO agentcare_audit;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.audit_logs_stamp() FROM PUBLIC;
--> statement-breakpoint
GRANT SELECT ON public.patients TO agentcare_audit;
--> statement-breakpoint
-- Still append-only for everyone. The one change allowed: code running as agentcare_audit (only
-- public.audit_seal — no login or application role is a member of it) filling the empty seal
-- columns of an unsealed row, with every other column unchanged. Application roles hold no UPDATE
-- privilege at all, so they never reach this trigger.
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
  RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP USING ERRCODE = '42501';
END
$$;
--> statement-breakpoint
-- Appends up to max_rows unsealed rows of the current tenant to its chain, oldest first, and
-- returns how many it sealed. The organization's advisory lock is held to commit, so the chain
-- never forks; the head is read after taking it (a new snapshot per statement under READ
-- COMMITTED), so a sealer that waited sees the seals committed meanwhile. Rows of transactions
-- still open are invisible here and wait for the next seal.
CREATE OR REPLACE FUNCTION public.audit_seal(org uuid, max_rows integer DEFAULT 1000) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
DECLARE
  head record;
  r public.audit_logs;
  next_seq bigint;
  prev text;
  sealed integer := 0;
BEGIN
  IF org IS DISTINCT FROM public.app_current_tenant_id() THEN
    RAISE EXCEPTION 'audit chain of organization % sealed outside its tenant context', org USING ERRCODE = '42501';
  END IF;
  -- Nothing waiting: return without queueing behind the organization's writers.
  IF NOT EXISTS (SELECT 1 FROM public.audit_logs a WHERE a.organization_id = org AND a.seq IS NULL) THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(1633971297, hashtext(org::text));
  SELECT a.seq, a.row_hash INTO head
    FROM public.audit_logs a
   WHERE a.organization_id = org AND a.seq IS NOT NULL
   ORDER BY a.seq DESC
   LIMIT 1;
  IF FOUND THEN
    next_seq := head.seq;
    prev := head.row_hash;
  ELSE
    next_seq := 0;
    prev := public.audit_genesis_hash(org);
  END IF;
  IF prev IS NULL OR prev = '' THEN
    RAISE EXCEPTION 'audit chain head of organization % is unreadable', org;
  END IF;
  FOR r IN
    SELECT * FROM public.audit_logs a
     WHERE a.organization_id = org AND a.seq IS NULL
     ORDER BY a.occurred_at, a.id
     LIMIT greatest(max_rows, 0)
  LOOP
    next_seq := next_seq + 1;
    r.seq := next_seq;
    r.prev_hash := prev;
    r.row_hash := public.audit_row_hash(r);
    UPDATE public.audit_logs
       SET seq = r.seq, prev_hash = r.prev_hash, row_hash = r.row_hash
     WHERE organization_id = org AND id = r.id;
    prev := r.row_hash;
    sealed := sealed + 1;
  END LOOP;
  RETURN sealed;
END
$$;
--> statement-breakpoint
ALTER FUNCTION public.audit_seal(uuid, integer) OWNER TO agentcare_audit;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.audit_seal(uuid, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.audit_seal(uuid, integer) TO agentcare_app;
