CREATE TABLE "exam_incidents" (
	"id" serial PRIMARY KEY NOT NULL,
	"exam_id" integer NOT NULL,
	"student_id" integer NOT NULL,
	"kind" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" integer,
	"status" text DEFAULT 'recorded' NOT NULL,
	"review_note" text,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_incidents_kind" CHECK ("exam_incidents"."kind" in ('cheating', 'disruption', 'absent', 'other')),
	CONSTRAINT "exam_incidents_status" CHECK ("exam_incidents"."status" in ('recorded', 'confirmed', 'dismissed'))
);
--> statement-breakpoint
ALTER TABLE "exam_incidents" ADD CONSTRAINT "exam_incidents_exam_id_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_incidents" ADD CONSTRAINT "exam_incidents_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_incidents" ADD CONSTRAINT "exam_incidents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_incidents" ADD CONSTRAINT "exam_incidents_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exam_incidents_exam_idx" ON "exam_incidents" USING btree ("exam_id");--> statement-breakpoint
CREATE INDEX "exam_incidents_student_idx" ON "exam_incidents" USING btree ("student_id");