-- Hash chain over the audit log. Each record carries the hash of the record
-- before it, so a row rewritten or deleted behind the app's back (by whoever
-- can switch the append-only triggers off) breaks the chain at that row;
-- GET /api/audit/verify and the nightly check walk it.

-- The canonical serialisation: a JSON array of the record's fields in a fixed
-- order (jsonb prints keys and numbers canonically), the time in UTC with
-- microseconds (independent of the session's TimeZone), then the previous hash.
CREATE OR REPLACE FUNCTION audit_log_hash(r audit_log, prev text) RETURNS text AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    r.seq, r.id, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.actor_id, r.actor_name, r.actor_kind,
    r.ip::text, r.action, r.entity_type, r.entity_id, r.before, r.after, prev
  )::text, 'UTF8')), 'hex');
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, '') ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
-- Chain the records written before this migration, in id order (the only
-- time the chain columns are ever updated).
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
DO $$
DECLARE
  r audit_log;
  prev text := '';
  h text;
  n bigint := 0;
BEGIN
  FOR r IN SELECT * FROM audit_log WHERE seq IS NULL ORDER BY id LOOP
    n := n + 1;
    r.seq := n;
    h := audit_log_hash(r, prev);
    UPDATE audit_log SET seq = n, prev_hash = prev, hash = h WHERE id = r.id;
    prev := h;
  END LOOP;
  UPDATE audit_chain_head SET last_seq = n, last_hash = prev WHERE id = 1 AND n > 0;
END $$;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
-- Every new record is chained as it is inserted. The row lock on the chain
-- head (taken by the UPDATE, held to commit) serialises writers, so two
-- transactions can never chain onto the same predecessor; a rolled-back
-- transaction rolls its step of the head back too, so `seq` has no gaps.
-- SECURITY DEFINER: the trigger runs as the table owner, so the app's runtime
-- role needs (and has) no privilege on audit_chain_head.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger AS $$
DECLARE
  head audit_chain_head%ROWTYPE;
BEGIN
  UPDATE audit_chain_head SET last_seq = last_seq + 1 WHERE id = 1 RETURNING * INTO head;
  NEW.seq := head.last_seq;
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_log_hash(NEW, head.last_hash);
  UPDATE audit_chain_head SET last_hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
