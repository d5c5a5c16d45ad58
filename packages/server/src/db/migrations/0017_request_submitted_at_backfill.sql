-- Requests submitted before course_requests.submitted_at existed: the submission time of their
-- latest approval instance (the one workflow_instance_id points at). Requests never submitted stay null.
UPDATE "course_requests" AS r
SET "submitted_at" = coalesce(wi."submitted_at", wi."created_at")
FROM "workflow_instances" AS wi
WHERE wi."id" = r."workflow_instance_id" AND r."submitted_at" IS NULL;
