CREATE TABLE "exam_makeup_candidates" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"student_id" integer NOT NULL,
	"course_id" integer NOT NULL,
	"source" text NOT NULL,
	"deferral_id" integer,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_makeup_candidates_source" CHECK ("exam_makeup_candidates"."source" in ('deferral', 'failed', 'grades'))
);
--> statement-breakpoint
ALTER TABLE "exam_plans" ADD COLUMN "source_term_id" integer;--> statement-breakpoint
ALTER TABLE "exam_makeup_candidates" ADD CONSTRAINT "exam_makeup_candidates_plan_id_exam_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exam_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_makeup_candidates" ADD CONSTRAINT "exam_makeup_candidates_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_makeup_candidates" ADD CONSTRAINT "exam_makeup_candidates_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_makeup_candidates" ADD CONSTRAINT "exam_makeup_candidates_deferral_id_exam_deferrals_id_fk" FOREIGN KEY ("deferral_id") REFERENCES "public"."exam_deferrals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_makeup_candidates" ADD CONSTRAINT "exam_makeup_candidates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exam_makeup_candidates_one" ON "exam_makeup_candidates" USING btree ("plan_id","student_id","course_id");--> statement-breakpoint
CREATE INDEX "exam_makeup_candidates_plan_course_idx" ON "exam_makeup_candidates" USING btree ("plan_id","course_id");--> statement-breakpoint
ALTER TABLE "exam_plans" ADD CONSTRAINT "exam_plans_source_term_id_terms_id_fk" FOREIGN KEY ("source_term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_plans" ADD CONSTRAINT "exam_plans_makeup_source" CHECK (("exam_plans"."kind" = 'makeup') = ("exam_plans"."source_term_id" is not null));