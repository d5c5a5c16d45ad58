-- Jobs left unfinished by the in-process runner before durable jobs carry no payload
-- or file a worker could run them from: end them as failed, as its start-up used to.
UPDATE "jobs" SET "status" = 'failed', "error" = '{"code":"internal"}'::jsonb, "finished_at" = now()
WHERE "status" IN ('queued', 'running');
