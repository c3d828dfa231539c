-- Sealing writes each row through its own address. audit_seal wrote each sealed row by its primary
-- key (organization and id), expecting an equality on a unique index to be planned as that index
-- whatever the statistics. On a table never analyzed it is not: the function's cached generic plan
-- can take the (organization, time) index instead and read the organization's whole log for every
-- row it seals (about 10 million index entries for a seal of 1,000 rows in a 6,000-row log, seen
-- in the test suite's shared database). The batch is now read with each row's tuple id, and each
-- row updated by that id: a tuple id scan reads that one row, whatever the statistics. What may
-- change and by whom is unchanged.
CREATE OR REPLACE FUNCTION public.audit_seal(org uuid, max_rows integer DEFAULT 1000) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
DECLARE
  head record;
  waiting record;
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
  FOR waiting IN
    SELECT a.ctid AS tid, a AS entry FROM public.audit_logs a
     WHERE a.organization_id = org AND a.seq IS NULL
     ORDER BY a.occurred_at, a.id
     LIMIT greatest(max_rows, 0)
  LOOP
    r := waiting.entry;
    next_seq := next_seq + 1;
    r.seq := next_seq;
    r.prev_hash := prev;
    r.row_hash := public.audit_row_hash(r);
    -- By the row's own address (a tuple id scan: exactly that row, whatever the statistics), and
    -- still only if it is that organization's row with that id. Nothing else seals while this
    -- holds the chain lock, so the address read above is the row's current one.
    UPDATE public.audit_logs a
       SET seq = r.seq, prev_hash = r.prev_hash, row_hash = r.row_hash
     WHERE a.ctid = waiting.tid AND a.organization_id = org AND a.id = r.id;
    prev := r.row_hash;
    sealed := sealed + 1;
  END LOOP;
  RETURN sealed;
END
$$;
