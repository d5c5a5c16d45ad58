-- Accounts for the students and teachers of an existing school (from now on the app creates them
-- when people are written): user name = 学号/工号, no usable password until the office issues
-- initial passwords ('!unissued', see modules/iam/passwords.ts), forced change at first sign-in,
-- disabled when the person has left, and the built-in role (a teacher's with the college as
-- anchor). A person already linked to an account, or whose code is the user name of another
-- account, is left alone (the next edit of that person names the clash). On a new database
-- there are no people yet and nothing happens.
INSERT INTO "users" ("username", "display_name", "email", "password_hash", "must_change_password", "is_disabled", "student_id")
SELECT s."code", s."name", s."email", '!unissued', true, s."status" IN ('withdrawn', 'graduated', 'transferred_out'), s."id"
FROM "students" s
WHERE s."deleted_at" IS NULL
  AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."student_id" = s."id")
  AND NOT EXISTS (SELECT 1 FROM "users" u WHERE lower(u."username") = lower(s."code"));
--> statement-breakpoint
INSERT INTO "users" ("username", "display_name", "email", "password_hash", "must_change_password", "is_disabled", "teacher_id")
SELECT t."code", t."name", t."email", '!unissued', true, t."status" IN ('left', 'retired'), t."id"
FROM "teachers" t
WHERE t."deleted_at" IS NULL
  AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."teacher_id" = t."id")
  AND NOT EXISTS (SELECT 1 FROM "users" u WHERE lower(u."username") = lower(t."code"));
--> statement-breakpoint
INSERT INTO "user_roles" ("user_id", "role_id", "college_id")
SELECT u."id", r."id", NULL
FROM "users" u JOIN "roles" r ON r."code" = 'student'
WHERE u."student_id" IS NOT NULL AND u."password_hash" = '!unissued'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "user_roles" ("user_id", "role_id", "college_id")
SELECT u."id", r."id", d."college_id"
FROM "users" u
JOIN "roles" r ON r."code" = 'teacher'
JOIN "teachers" t ON t."id" = u."teacher_id"
JOIN "departments" d ON d."id" = t."department_id"
WHERE u."password_hash" = '!unissued'
ON CONFLICT DO NOTHING;
