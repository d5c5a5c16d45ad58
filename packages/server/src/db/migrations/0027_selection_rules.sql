CREATE TABLE "failed_courses" (
	"id" serial PRIMARY KEY NOT NULL,
	"student_id" integer NOT NULL,
	"course_id" integer NOT NULL,
	"term_id" integer,
	"score" text,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "selection_credit_raises" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"student_id" integer NOT NULL,
	"current_max" numeric(5, 1),
	"max_credits" numeric(5, 1) NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"workflow_instance_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "selection_seat_releases" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer,
	"teaching_class_id" integer NOT NULL,
	"enrolment_id" integer,
	"seed" integer NOT NULL,
	"dropped_at" timestamp with time zone NOT NULL,
	"release_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "teaching_classes" ADD COLUMN "gender_restriction" text;--> statement-breakpoint
ALTER TABLE "teaching_classes" ADD COLUMN "is_retake_class" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "selection_class_seats" ADD COLUMN "held" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "failed_courses" ADD CONSTRAINT "failed_courses_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "failed_courses" ADD CONSTRAINT "failed_courses_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "failed_courses" ADD CONSTRAINT "failed_courses_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_credit_raises" ADD CONSTRAINT "selection_credit_raises_round_id_selection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."selection_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_credit_raises" ADD CONSTRAINT "selection_credit_raises_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_credit_raises" ADD CONSTRAINT "selection_credit_raises_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_seat_releases" ADD CONSTRAINT "selection_seat_releases_round_id_selection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."selection_rounds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_seat_releases" ADD CONSTRAINT "selection_seat_releases_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_seat_releases" ADD CONSTRAINT "selection_seat_releases_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "failed_courses_student_course" ON "failed_courses" USING btree ("student_id","course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "selection_credit_raises_one_pending" ON "selection_credit_raises" USING btree ("student_id","round_id") WHERE "selection_credit_raises"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "selection_credit_raises_round_idx" ON "selection_credit_raises" USING btree ("round_id","student_id");--> statement-breakpoint
CREATE INDEX "selection_seat_releases_due_idx" ON "selection_seat_releases" USING btree ("release_at") WHERE "selection_seat_releases"."released_at" is null;--> statement-breakpoint
CREATE INDEX "selection_seat_releases_class_idx" ON "selection_seat_releases" USING btree ("teaching_class_id");--> statement-breakpoint
ALTER TABLE "teaching_classes" ADD CONSTRAINT "teaching_classes_gender_restriction" CHECK ("teaching_classes"."gender_restriction" is null or "teaching_classes"."gender_restriction" in ('male', 'female'));--> statement-breakpoint
ALTER TABLE "selection_class_seats" ADD CONSTRAINT "selection_class_seats_held" CHECK ("selection_class_seats"."held" >= 0 AND "selection_class_seats"."enrolled" + "selection_class_seats"."held" <= "selection_class_seats"."capacity");