-- Sealing a reader's audit row costs less. Every read of patient data appends one unsealed row and
-- every such row is sealed once, so the seal's cost is paid per read:
--
-- * The append-only trigger let the sealing role through after comparing the whole row, old and
--   new, as jsonb (two conversions of a row carrying two lists of ids, per sealed row). It now
--   compares the new row, with its three seal columns reset, to the old one as stored, byte for
--   byte (the record image operator): stricter, since jsonb equality ignores how a value is
--   written, and about a third of the seal's time less.
-- * public.audit_seal chained the waiting rows one UPDATE at a time. It still computes each row's
--   hash in order (each depends on the one before) but writes the whole batch with one UPDATE.
--
-- What may change and by whom is unchanged: only agentcare_audit (public.audit_seal), only empty
-- seal columns, once; deleting only for public.audit_purge's organization.
CREATE OR REPLACE FUNCTION public.audit_logs_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  unsealed public.audit_logs;
BEGIN
  IF TG_OP = 'UPDATE' AND current_user = 'agentcare_audit'
     AND OLD.seq IS NULL AND OLD.prev_hash = '' AND OLD.row_hash = ''
     AND NEW.seq IS NOT NULL AND NEW.prev_hash <> '' AND NEW.row_hash <> '' THEN
    -- The new row without its seal must be the old row exactly, every other column included.
    unsealed := NEW;
    unsealed.seq := NULL;
    unsealed.prev_hash := '';
    unsealed.row_hash := '';
    IF unsealed *= OLD THEN
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
-- As before (drizzle/0017): appends up to max_rows unsealed rows of the current tenant to its chain,
-- oldest first, under the organization's advisory lock held to commit; returns how many it sealed.
-- The hashes are computed row by row in chain order, then written in one statement.
CREATE OR REPLACE FUNCTION public.audit_seal(org uuid, max_rows integer DEFAULT 1000) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
DECLARE
  head record;
  r public.audit_logs;
  next_seq bigint;
  prev text;
  ids uuid[] := '{}';
  seqs bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
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
    ids := ids || r.id;
    seqs := seqs || r.seq;
    prevs := prevs || r.prev_hash;
    hashes := hashes || r.row_hash;
    prev := r.row_hash;
  END LOOP;
  UPDATE public.audit_logs a
     SET seq = s.seq, prev_hash = s.prev_hash, row_hash = s.row_hash
    FROM unnest(ids, seqs, prevs, hashes) AS s(id, seq, prev_hash, row_hash)
   WHERE a.organization_id = org AND a.id = s.id;
  RETURN cardinality(ids);
END
$$;
