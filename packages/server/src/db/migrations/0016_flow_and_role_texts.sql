-- Texts in both languages for what the system shipped in English only. Only rows still holding
-- the shipped text change; a description an admin wrote is left as written.
UPDATE "workflow_flows"
SET "description" = '院系申请下学期开设课程，由教务处审核；容量大于 200 的大班还需教务处长审批。',
    "description_en" = 'A college asks to open a course next term and the academic office reviews it; large classes (over 200 seats) also need the office head’s approval.'
WHERE "key" = 'course_request' AND "description" = 'A department asks to open a course next term; the academic office reviews it.';
--> statement-breakpoint
UPDATE "roles" SET "description" = '用户与角色、API 令牌、邮件与学校设置、审计日志；可使用全部功能'
WHERE "code" = 'admin' AND "is_builtin" AND "description" = 'Users, roles, settings, integrations, audit log';
--> statement-breakpoint
UPDATE "roles" SET "description" = '全校组织机构、教师与学生信息、课程库与培养方案、数据导入；审核开课申请，查看流程效率'
WHERE "code" = 'office' AND "is_builtin" AND "description" = 'Approves, timetables, runs selection rounds, exam plans, publishes';
--> statement-breakpoint
UPDATE "roles" SET "description" = '本学院的开课申请与学生信息；查看本学院教师、课程库与审批流程'
WHERE "code" = 'secretary' AND "is_builtin" AND "description" = 'Course requests, grade review and status applications of the own college';
--> statement-breakpoint
UPDATE "roles" SET "description" = '本人的教师信息、所授教学班及其学生；查看课程库与培养方案'
WHERE "code" = 'teacher' AND "is_builtin" AND "description" = 'Own teaching classes: timetable, rosters, grade entry';
--> statement-breakpoint
UPDATE "roles" SET "description" = '本人的学籍信息；查看课程库与培养方案'
WHERE "code" = 'student' AND "is_builtin" AND "description" = 'Own selection, timetable, grades, applications';
--> statement-breakpoint
UPDATE "roles" SET "description" = '只读：全校组织机构、师生、课程、开课申请、审批流程及其效率、审计日志'
WHERE "code" = 'leader' AND "is_builtin" AND "description" = 'Read-only dashboards and reports';
