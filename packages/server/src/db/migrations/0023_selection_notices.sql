ALTER TABLE "selection_rounds" ADD COLUMN "notice_days_before" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "selection_rounds" ADD COLUMN "noticed_before_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "selection_rounds" ADD COLUMN "noticed_open_at" timestamp with time zone;--> statement-breakpoint
-- The built-in roles' shipped descriptions now name course selection; a description an admin wrote is left as written.
UPDATE "roles" SET "description" = '全校组织机构、教师与学生信息、课程库与培养方案、数据导入；审核开课申请，排课与课表发布、调课审批与教室借用，选课管理（轮次、抽签、代选代退、选课限制），查看流程效率' WHERE "code" = 'office' AND "is_builtin" AND "description" = '全校组织机构、教师与学生信息、课程库与培养方案、数据导入；审核开课申请，排课与课表发布、调课审批与教室借用，查看流程效率';--> statement-breakpoint
UPDATE "roles" SET "description" = '本学院的开课申请与学生信息；本学院课表与调课申请、选课结果与点名册；查看本学院教师、课程库与审批流程' WHERE "code" = 'secretary' AND "is_builtin" AND "description" = '本学院的开课申请与学生信息；本学院课表与调课申请；查看本学院教师、课程库与审批流程';--> statement-breakpoint
UPDATE "roles" SET "description" = '本人的教师信息、所授教学班及其学生与点名册；本人课表与调课申请；查看课程库与培养方案' WHERE "code" = 'teacher' AND "is_builtin" AND "description" = '本人的教师信息、所授教学班及其学生；本人课表与调课申请；查看课程库与培养方案';--> statement-breakpoint
UPDATE "roles" SET "description" = '本人的学籍信息与课表，选课；查看课程库与培养方案' WHERE "code" = 'student' AND "is_builtin" AND "description" = '本人的学籍信息与课表；查看课程库与培养方案';--> statement-breakpoint
UPDATE "roles" SET "description" = '只读：全校组织机构、师生、课程、开课申请、课表、选课、审批流程及其效率、审计日志' WHERE "code" = 'leader' AND "is_builtin" AND "description" = '只读：全校组织机构、师生、课程、开课申请、课表、审批流程及其效率、审计日志';
