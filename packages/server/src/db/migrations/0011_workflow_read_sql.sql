-- Reading approval flow definitions now needs the permission workflow.read
-- (before, any signed-in account could). Keep the access of the staff roles
-- that had a use for it: the built-in office, secretary, leader and admin
-- roles, and any role or API token that edits flows or reads their metrics.
INSERT INTO "role_permissions" ("role_id", "permission", "scope")
SELECT r."id", 'workflow.read', 'all'
FROM "roles" r
WHERE r."code" IN ('admin', 'office', 'secretary', 'leader')
   OR EXISTS (
     SELECT 1 FROM "role_permissions" p
     WHERE p."role_id" = r."id" AND p."permission" IN ('workflow.manage', 'workflow.metrics')
   )
ON CONFLICT DO NOTHING;
--> statement-breakpoint
UPDATE "api_tokens"
SET "permissions" = array_append("permissions", 'workflow.read')
WHERE ("permissions" && ARRAY['workflow.manage', 'workflow.metrics']::text[])
  AND NOT ('workflow.read' = ANY ("permissions"));
