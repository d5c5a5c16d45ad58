DROP INDEX "audit_log_seq_idx";--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_chain_seq_idx" ON "audit_log" USING btree ("chain","seq");--> statement-breakpoint
-- Sixteen chains instead of one. The chain of the records written so far is
-- chain 1 (its head is row 1); the others start empty.
INSERT INTO audit_chain_head (id, last_seq, last_hash) SELECT g, 0, '' FROM generate_series(1, 16) g ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
-- A transaction takes the first chain head no other transaction holds
-- (SKIP LOCKED: it never queues behind a writer that is still committing) and
-- keeps it for all its records (a transaction-local setting), so its records
-- follow each other in one chain. When every head is held it waits for a
-- random one; holding no head while it waits, it cannot deadlock with another
-- writer over heads. A rolled-back transaction rolls its steps of the head and
-- the setting back too, so `seq` has no gaps.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger AS $$
DECLARE
  head audit_chain_head%ROWTYPE;
  cid integer := nullif(current_setting('jiaowu.audit_chain', true), '')::integer;
BEGIN
  IF cid IS NULL THEN
    SELECT id INTO cid FROM audit_chain_head ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
    IF cid IS NULL THEN
      SELECT id INTO cid FROM audit_chain_head ORDER BY random() LIMIT 1;
    END IF;
    PERFORM set_config('jiaowu.audit_chain', cid::text, true);
  END IF;
  UPDATE audit_chain_head SET last_seq = last_seq + 1 WHERE id = cid RETURNING * INTO head;
  NEW.chain := cid;
  NEW.seq := head.last_seq;
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_log_hash(NEW, head.last_hash);
  UPDATE audit_chain_head SET last_hash = NEW.hash WHERE id = cid;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT;
