CREATE TABLE "exam_teacher_unavailability" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"teacher_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exam_teacher_unavailability" ADD CONSTRAINT "exam_teacher_unavailability_plan_id_exam_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exam_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_teacher_unavailability" ADD CONSTRAINT "exam_teacher_unavailability_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_teacher_unavailability" ADD CONSTRAINT "exam_teacher_unavailability_session_id_exam_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."exam_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exam_teacher_unavailability_one" ON "exam_teacher_unavailability" USING btree ("session_id","teacher_id");--> statement-breakpoint
CREATE INDEX "exam_teacher_unavailability_plan_idx" ON "exam_teacher_unavailability" USING btree ("plan_id","teacher_id");