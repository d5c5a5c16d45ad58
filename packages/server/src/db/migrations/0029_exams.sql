CREATE TABLE "exam_constraints" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"kind" text NOT NULL,
	"exam_id" integer NOT NULL,
	"other_exam_id" integer,
	"session_id" integer,
	CONSTRAINT "exam_constraints_kind" CHECK ("exam_constraints"."kind" in ('after', 'same_session', 'exclusion', 'avoid_session'))
);
--> statement-breakpoint
CREATE TABLE "exam_deferrals" (
	"id" serial PRIMARY KEY NOT NULL,
	"exam_id" integer NOT NULL,
	"student_id" integer NOT NULL,
	"reason" text NOT NULL,
	"attachment_id" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"workflow_instance_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exam_invigilations" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"room_id" integer NOT NULL,
	"teacher_id" integer NOT NULL,
	"chief" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_plan_colleges" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"college_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"workflow_instance_id" integer,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exam_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"kind" text DEFAULT 'final' NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"daily_sessions" jsonb NOT NULL,
	"include_weekends" boolean DEFAULT false NOT NULL,
	"excluded_dates" text[] DEFAULT '{}' NOT NULL,
	"allow_room_sharing" boolean DEFAULT false NOT NULL,
	"max_exams_per_day" integer DEFAULT 2 NOT NULL,
	"schedule_status" text DEFAULT 'none' NOT NULL,
	"last_job_id" integer,
	"solve_seed" integer,
	"seat_seed" integer,
	"solve_summary" jsonb,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_plans_dates" CHECK ("exam_plans"."end_date" >= "exam_plans"."start_date"),
	CONSTRAINT "exam_plans_kind" CHECK ("exam_plans"."kind" in ('final', 'makeup'))
);
--> statement-breakpoint
CREATE TABLE "exam_rooms" (
	"id" serial PRIMARY KEY NOT NULL,
	"exam_id" integer NOT NULL,
	"room_id" integer NOT NULL,
	"seats" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_seats" (
	"id" serial PRIMARY KEY NOT NULL,
	"exam_id" integer NOT NULL,
	"student_id" integer NOT NULL,
	"room_id" integer NOT NULL,
	"seat_no" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"date" date NOT NULL,
	"start_min" integer NOT NULL,
	"end_min" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exams" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"course_id" integer NOT NULL,
	"teaching_class_id" integer,
	"duration_min" integer DEFAULT 120 NOT NULL,
	"room_type" text,
	"session_id" integer,
	"pinned" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exams_duration" CHECK ("exams"."duration_min" between 15 and 480)
);
--> statement-breakpoint
ALTER TABLE "exam_constraints" ADD CONSTRAINT "exam_constraints_plan_id_exam_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exam_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_constraints" ADD CONSTRAINT "exam_constraints_exam_id_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_constraints" ADD CONSTRAINT "exam_constraints_other_exam_id_exams_id_fk" FOREIGN KEY ("other_exam_id") REFERENCES "public"."exams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_constraints" ADD CONSTRAINT "exam_constraints_session_id_exam_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."exam_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_deferrals" ADD CONSTRAINT "exam_deferrals_exam_id_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_deferrals" ADD CONSTRAINT "exam_deferrals_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_invigilations" ADD CONSTRAINT "exam_invigilations_plan_id_exam_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exam_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_invigilations" ADD CONSTRAINT "exam_invigilations_session_id_exam_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."exam_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_invigilations" ADD CONSTRAINT "exam_invigilations_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_invigilations" ADD CONSTRAINT "exam_invigilations_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_plan_colleges" ADD CONSTRAINT "exam_plan_colleges_plan_id_exam_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exam_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_plan_colleges" ADD CONSTRAINT "exam_plan_colleges_college_id_colleges_id_fk" FOREIGN KEY ("college_id") REFERENCES "public"."colleges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_plans" ADD CONSTRAINT "exam_plans_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_plans" ADD CONSTRAINT "exam_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_rooms" ADD CONSTRAINT "exam_rooms_exam_id_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_rooms" ADD CONSTRAINT "exam_rooms_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_seats" ADD CONSTRAINT "exam_seats_exam_id_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_seats" ADD CONSTRAINT "exam_seats_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_seats" ADD CONSTRAINT "exam_seats_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_sessions" ADD CONSTRAINT "exam_sessions_plan_id_exam_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exam_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exams" ADD CONSTRAINT "exams_plan_id_exam_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exam_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exams" ADD CONSTRAINT "exams_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exams" ADD CONSTRAINT "exams_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exams" ADD CONSTRAINT "exams_session_id_exam_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."exam_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exam_constraints_plan_idx" ON "exam_constraints" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_deferrals_one_live" ON "exam_deferrals" USING btree ("exam_id","student_id") WHERE "exam_deferrals"."status" in ('pending', 'approved');--> statement-breakpoint
CREATE INDEX "exam_deferrals_student_idx" ON "exam_deferrals" USING btree ("student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_invigilations_one_place" ON "exam_invigilations" USING btree ("session_id","teacher_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_invigilations_one_chief" ON "exam_invigilations" USING btree ("session_id","room_id") WHERE "exam_invigilations"."chief";--> statement-breakpoint
CREATE INDEX "exam_invigilations_teacher_idx" ON "exam_invigilations" USING btree ("teacher_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_plan_colleges_one" ON "exam_plan_colleges" USING btree ("plan_id","college_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_plans_term_name" ON "exam_plans" USING btree ("term_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_rooms_exam_room" ON "exam_rooms" USING btree ("exam_id","room_id");--> statement-breakpoint
CREATE INDEX "exam_rooms_room_idx" ON "exam_rooms" USING btree ("room_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_seats_exam_student" ON "exam_seats" USING btree ("exam_id","student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_seats_exam_room_seat" ON "exam_seats" USING btree ("exam_id","room_id","seat_no");--> statement-breakpoint
CREATE INDEX "exam_seats_student_idx" ON "exam_seats" USING btree ("student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_sessions_plan_slot" ON "exam_sessions" USING btree ("plan_id","date","start_min");--> statement-breakpoint
CREATE UNIQUE INDEX "exams_plan_course" ON "exams" USING btree ("plan_id","course_id") WHERE "exams"."teaching_class_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "exams_plan_class" ON "exams" USING btree ("plan_id","teaching_class_id") WHERE "exams"."teaching_class_id" is not null;--> statement-breakpoint
CREATE INDEX "exams_session_idx" ON "exams" USING btree ("session_id");