CREATE TABLE "enrolments" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"round_id" integer,
	"student_id" integer NOT NULL,
	"teaching_class_id" integer NOT NULL,
	"course_id" integer NOT NULL,
	"status" text DEFAULT 'enrolled' NOT NULL,
	"is_retake" boolean DEFAULT false NOT NULL,
	"retake_mode" text,
	"is_fixed" boolean DEFAULT false NOT NULL,
	"source" text DEFAULT 'self' NOT NULL,
	"reserved_seat_id" integer,
	"idempotency_key" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dropped_at" timestamp with time zone,
	"drop_reason" text
);
--> statement-breakpoint
CREATE TABLE "passed_courses" (
	"id" serial PRIMARY KEY NOT NULL,
	"student_id" integer NOT NULL,
	"course_id" integer NOT NULL,
	"term_id" integer,
	"score" text,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "selection_class_seats" (
	"teaching_class_id" integer PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"capacity" integer NOT NULL,
	"enrolled" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "selection_class_seats_within_capacity" CHECK ("selection_class_seats"."enrolled" >= 0 AND "selection_class_seats"."enrolled" <= "selection_class_seats"."capacity")
);
--> statement-breakpoint
CREATE TABLE "selection_holds" (
	"id" serial PRIMARY KEY NOT NULL,
	"student_id" integer NOT NULL,
	"reason" text NOT NULL,
	"source" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" integer
);
--> statement-breakpoint
CREATE TABLE "selection_lottery_choices" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"student_id" integer NOT NULL,
	"teaching_class_id" integer NOT NULL,
	"rank" integer NOT NULL,
	"result" text,
	"draw_number" integer,
	"explanation" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "selection_lottery_choices_rank_range" CHECK ("selection_lottery_choices"."rank" BETWEEN 1 AND 3)
);
--> statement-breakpoint
CREATE TABLE "selection_reserved_seats" (
	"id" serial PRIMARY KEY NOT NULL,
	"teaching_class_id" integer NOT NULL,
	"seats" integer NOT NULL,
	"for_kind" text NOT NULL,
	"for_value" integer NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "selection_reserved_seats_within" CHECK ("selection_reserved_seats"."taken" >= 0 AND "selection_reserved_seats"."taken" <= "selection_reserved_seats"."seats")
);
--> statement-breakpoint
CREATE TABLE "selection_round_classes" (
	"round_id" integer NOT NULL,
	"teaching_class_id" integer NOT NULL,
	CONSTRAINT "selection_round_classes_round_id_teaching_class_id_pk" PRIMARY KEY("round_id","teaching_class_id")
);
--> statement-breakpoint
CREATE TABLE "selection_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"mode" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"staggered" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scope" jsonb,
	"is_pilot" boolean DEFAULT false NOT NULL,
	"credit_limits" jsonb DEFAULT '{"minCredits":null,"maxCredits":null,"groups":[]}'::jsonb NOT NULL,
	"max_classes" integer,
	"drops_allowed" boolean DEFAULT true NOT NULL,
	"drop_deadline" timestamp with time zone,
	"no_reselect_after_drop" boolean DEFAULT false NOT NULL,
	"retake_modes" text[] DEFAULT ARRAY['follow', 'retake_class', 'self_study']::text[] NOT NULL,
	"seat_release" text DEFAULT 'immediate' NOT NULL,
	"seat_release_window_seconds" integer,
	"lottery_seed" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"notice" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "selection_rounds_window" CHECK ("selection_rounds"."closes_at" > "selection_rounds"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "selection_student_terms" (
	"student_id" integer NOT NULL,
	"term_id" integer NOT NULL,
	"credits" numeric(5, 1) DEFAULT '0' NOT NULL,
	"classes" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "selection_student_terms_student_id_term_id_pk" PRIMARY KEY("student_id","term_id"),
	CONSTRAINT "selection_student_terms_nonnegative" CHECK ("selection_student_terms"."credits" >= 0 AND "selection_student_terms"."classes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "selection_waitlist" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"teaching_class_id" integer NOT NULL,
	"student_id" integer NOT NULL,
	"priority_group" integer DEFAULT 3 NOT NULL,
	"drop_enrolment_id" integer,
	"status" text DEFAULT 'waiting' NOT NULL,
	"enrolment_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_round_id_selection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."selection_rounds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_reserved_seat_id_selection_reserved_seats_id_fk" FOREIGN KEY ("reserved_seat_id") REFERENCES "public"."selection_reserved_seats"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passed_courses" ADD CONSTRAINT "passed_courses_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passed_courses" ADD CONSTRAINT "passed_courses_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passed_courses" ADD CONSTRAINT "passed_courses_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_class_seats" ADD CONSTRAINT "selection_class_seats_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_class_seats" ADD CONSTRAINT "selection_class_seats_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_holds" ADD CONSTRAINT "selection_holds_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_holds" ADD CONSTRAINT "selection_holds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_holds" ADD CONSTRAINT "selection_holds_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_lottery_choices" ADD CONSTRAINT "selection_lottery_choices_round_id_selection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."selection_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_lottery_choices" ADD CONSTRAINT "selection_lottery_choices_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_lottery_choices" ADD CONSTRAINT "selection_lottery_choices_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_reserved_seats" ADD CONSTRAINT "selection_reserved_seats_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_round_classes" ADD CONSTRAINT "selection_round_classes_round_id_selection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."selection_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_round_classes" ADD CONSTRAINT "selection_round_classes_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_rounds" ADD CONSTRAINT "selection_rounds_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_rounds" ADD CONSTRAINT "selection_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_student_terms" ADD CONSTRAINT "selection_student_terms_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_student_terms" ADD CONSTRAINT "selection_student_terms_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_waitlist" ADD CONSTRAINT "selection_waitlist_round_id_selection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."selection_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_waitlist" ADD CONSTRAINT "selection_waitlist_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_waitlist" ADD CONSTRAINT "selection_waitlist_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_waitlist" ADD CONSTRAINT "selection_waitlist_drop_enrolment_id_enrolments_id_fk" FOREIGN KEY ("drop_enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_waitlist" ADD CONSTRAINT "selection_waitlist_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_one_course" ON "enrolments" USING btree ("student_id","term_id","course_id") WHERE "enrolments"."status" = 'enrolled';--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_idempotency" ON "enrolments" USING btree ("student_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "enrolments_class_idx" ON "enrolments" USING btree ("teaching_class_id","status");--> statement-breakpoint
CREATE INDEX "enrolments_student_term_idx" ON "enrolments" USING btree ("student_id","term_id");--> statement-breakpoint
CREATE INDEX "enrolments_round_idx" ON "enrolments" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "passed_courses_student_course" ON "passed_courses" USING btree ("student_id","course_id");--> statement-breakpoint
CREATE INDEX "selection_class_seats_term_idx" ON "selection_class_seats" USING btree ("term_id");--> statement-breakpoint
CREATE INDEX "selection_holds_active_idx" ON "selection_holds" USING btree ("student_id") WHERE "selection_holds"."lifted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "selection_lottery_choices_rank" ON "selection_lottery_choices" USING btree ("round_id","student_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "selection_lottery_choices_class" ON "selection_lottery_choices" USING btree ("round_id","student_id","teaching_class_id");--> statement-breakpoint
CREATE INDEX "selection_lottery_choices_class_idx" ON "selection_lottery_choices" USING btree ("round_id","teaching_class_id");--> statement-breakpoint
CREATE INDEX "selection_reserved_seats_class_idx" ON "selection_reserved_seats" USING btree ("teaching_class_id");--> statement-breakpoint
CREATE INDEX "selection_round_classes_class_idx" ON "selection_round_classes" USING btree ("teaching_class_id");--> statement-breakpoint
CREATE INDEX "selection_rounds_term_idx" ON "selection_rounds" USING btree ("term_id","opens_at");--> statement-breakpoint
CREATE UNIQUE INDEX "selection_waitlist_one_entry" ON "selection_waitlist" USING btree ("student_id","teaching_class_id") WHERE "selection_waitlist"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "selection_waitlist_queue_idx" ON "selection_waitlist" USING btree ("teaching_class_id","priority_group","created_at","id") WHERE "selection_waitlist"."status" = 'waiting';