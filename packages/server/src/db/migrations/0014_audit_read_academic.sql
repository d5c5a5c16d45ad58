-- The audit page now needs audit.read_academic (the academic domain's records);
-- audit.read adds the rest (accounts, roles, tokens, sign-ins, mail, chain check).
-- Every role and API token that could read the log keeps reading it. The
-- built-in office role gets audit.read_academic on start (role upgrade).
INSERT INTO "role_permissions" ("role_id", "permission", "scope")
SELECT p."role_id", 'audit.read_academic', 'all'
FROM "role_permissions" p
WHERE p."permission" = 'audit.read'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
UPDATE "api_tokens"
SET "permissions" = array_append("permissions", 'audit.read_academic')
WHERE 'audit.read' = ANY ("permissions")
  AND NOT ('audit.read_academic' = ANY ("permissions"));
