CREATE TABLE "course_prerequisite_edges" (
	"course_id" integer NOT NULL,
	"requires_course_id" integer NOT NULL,
	CONSTRAINT "course_prerequisite_edges_course_id_requires_course_id_pk" PRIMARY KEY("course_id","requires_course_id")
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"credits" numeric(4, 1) NOT NULL,
	"lecture_hours" integer DEFAULT 0 NOT NULL,
	"lab_hours" integer DEFAULT 0 NOT NULL,
	"practice_hours" integer DEFAULT 0 NOT NULL,
	"assessment" text DEFAULT 'exam' NOT NULL,
	"department_id" integer NOT NULL,
	"category" text NOT NULL,
	"prerequisites" jsonb,
	"description" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "curriculum_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"major_id" integer NOT NULL,
	"cohort" integer NOT NULL,
	"name" text,
	"total_credits" numeric(5, 1),
	"credit_requirements" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_courses" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"group_id" integer NOT NULL,
	"course_id" integer NOT NULL,
	"term" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"min_credits" numeric(5, 1),
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"course_id" integer NOT NULL,
	"college_id" integer NOT NULL,
	"teachers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"teacher_ids" integer[] DEFAULT '{}' NOT NULL,
	"capacity" integer NOT NULL,
	"admin_class_ids" integer[] DEFAULT '{}' NOT NULL,
	"target_majors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sessions" integer[] NOT NULL,
	"week_pattern" text NOT NULL,
	"week_from" integer NOT NULL,
	"week_to" integer NOT NULL,
	"week_mask" integer NOT NULL,
	"room_type" text,
	"room_features" text[] DEFAULT '{}' NOT NULL,
	"time_wishes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"cross_college_note" text,
	"note" text,
	"review_comments" jsonb,
	"workflow_instance_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teaching_classes" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"term_id" integer NOT NULL,
	"course_id" integer NOT NULL,
	"college_id" integer NOT NULL,
	"teachers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"teacher_ids" integer[] DEFAULT '{}' NOT NULL,
	"capacity" integer NOT NULL,
	"admin_class_ids" integer[] DEFAULT '{}' NOT NULL,
	"target_majors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sessions" integer[] NOT NULL,
	"week_pattern" text NOT NULL,
	"week_from" integer NOT NULL,
	"week_to" integer NOT NULL,
	"week_mask" integer NOT NULL,
	"room_type" text,
	"room_features" text[] DEFAULT '{}' NOT NULL,
	"time_wishes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source_request_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "course_prerequisite_edges" ADD CONSTRAINT "course_prerequisite_edges_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_prerequisite_edges" ADD CONSTRAINT "course_prerequisite_edges_requires_course_id_courses_id_fk" FOREIGN KEY ("requires_course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum_plans" ADD CONSTRAINT "curriculum_plans_major_id_majors_id_fk" FOREIGN KEY ("major_id") REFERENCES "public"."majors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_courses" ADD CONSTRAINT "plan_courses_plan_id_curriculum_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."curriculum_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_courses" ADD CONSTRAINT "plan_courses_group_id_plan_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."plan_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_courses" ADD CONSTRAINT "plan_courses_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_groups" ADD CONSTRAINT "plan_groups_plan_id_curriculum_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."curriculum_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_requests" ADD CONSTRAINT "course_requests_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_requests" ADD CONSTRAINT "course_requests_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_requests" ADD CONSTRAINT "course_requests_college_id_colleges_id_fk" FOREIGN KEY ("college_id") REFERENCES "public"."colleges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_requests" ADD CONSTRAINT "course_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_classes" ADD CONSTRAINT "teaching_classes_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_classes" ADD CONSTRAINT "teaching_classes_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_classes" ADD CONSTRAINT "teaching_classes_college_id_colleges_id_fk" FOREIGN KEY ("college_id") REFERENCES "public"."colleges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_classes" ADD CONSTRAINT "teaching_classes_source_request_id_course_requests_id_fk" FOREIGN KEY ("source_request_id") REFERENCES "public"."course_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_prereq_requires_idx" ON "course_prerequisite_edges" USING btree ("requires_course_id");--> statement-breakpoint
CREATE INDEX "courses_department_idx" ON "courses" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "curriculum_plans_major_cohort" ON "curriculum_plans" USING btree ("major_id","cohort");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_courses_plan_course" ON "plan_courses" USING btree ("plan_id","course_id");--> statement-breakpoint
CREATE INDEX "plan_courses_course_idx" ON "plan_courses" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "plan_groups_plan_idx" ON "plan_groups" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "course_requests_term_college_idx" ON "course_requests" USING btree ("term_id","college_id");--> statement-breakpoint
CREATE INDEX "course_requests_course_idx" ON "course_requests" USING btree ("course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teaching_classes_term_code" ON "teaching_classes" USING btree ("term_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "teaching_classes_source_request" ON "teaching_classes" USING btree ("source_request_id");--> statement-breakpoint
CREATE INDEX "teaching_classes_course_idx" ON "teaching_classes" USING btree ("course_id");