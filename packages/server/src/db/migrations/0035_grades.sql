CREATE TABLE "grade_corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"record_id" integer NOT NULL,
	"base_version" integer NOT NULL,
	"entry" jsonb NOT NULL,
	"components" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reason" text NOT NULL,
	"attachment_id" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"workflow_instance_id" integer,
	"requested_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "grade_record_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"record_id" integer NOT NULL,
	"version" integer NOT NULL,
	"entry" jsonb NOT NULL,
	"components" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reason" text NOT NULL,
	"correction_id" integer,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grade_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"student_id" integer NOT NULL,
	"course_id" integer NOT NULL,
	"term_id" integer NOT NULL,
	"attempt" text DEFAULT 'normal' NOT NULL,
	"sheet_id" integer,
	"teaching_class_id" integer,
	"entry" jsonb,
	"components" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"credits_tenths" integer NOT NULL,
	"source" text DEFAULT 'entry' NOT NULL,
	"raw_grade" text,
	"version" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_records_attempt_kind" CHECK ("grade_records"."attempt" in ('normal', 'makeup', 'retake')),
	CONSTRAINT "grade_records_source" CHECK ("grade_records"."source" in ('entry', 'migrated', 'demo'))
);
--> statement-breakpoint
CREATE TABLE "grade_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"gpa" jsonb NOT NULL,
	"attempts" jsonb NOT NULL,
	"marks" jsonb NOT NULL,
	"component_rules" jsonb NOT NULL,
	"level_totals" jsonb NOT NULL,
	"show_components" boolean DEFAULT true NOT NULL,
	"show_ranks" boolean DEFAULT false NOT NULL,
	"risk_failed_credits_tenths" integer DEFAULT 100 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_settings_single_row" CHECK ("grade_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "grade_sheets" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"teaching_class_id" integer NOT NULL,
	"course_id" integer NOT NULL,
	"kind" text DEFAULT 'normal' NOT NULL,
	"scheme" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"entry_started_at" timestamp with time zone,
	"return_comment" text,
	"workflow_instance_id" integer,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_sheets_kind" CHECK ("grade_sheets"."kind" in ('normal', 'makeup')),
	CONSTRAINT "grade_sheets_status" CHECK ("grade_sheets"."status" in ('draft', 'submitted', 'approved', 'published'))
);
--> statement-breakpoint
CREATE TABLE "transcripts" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"student_id" integer NOT NULL,
	"kind" text DEFAULT 'transcript' NOT NULL,
	"lang" text NOT NULL,
	"checksum" text NOT NULL,
	"content" jsonb NOT NULL,
	"issued_by" integer,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	CONSTRAINT "transcripts_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "grade_corrections" ADD CONSTRAINT "grade_corrections_record_id_grade_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."grade_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_corrections" ADD CONSTRAINT "grade_corrections_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_corrections" ADD CONSTRAINT "grade_corrections_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_record_versions" ADD CONSTRAINT "grade_record_versions_record_id_grade_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."grade_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_record_versions" ADD CONSTRAINT "grade_record_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_records" ADD CONSTRAINT "grade_records_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_records" ADD CONSTRAINT "grade_records_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_records" ADD CONSTRAINT "grade_records_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_records" ADD CONSTRAINT "grade_records_sheet_id_grade_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."grade_sheets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_records" ADD CONSTRAINT "grade_records_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_records" ADD CONSTRAINT "grade_records_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_sheets" ADD CONSTRAINT "grade_sheets_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_sheets" ADD CONSTRAINT "grade_sheets_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_sheets" ADD CONSTRAINT "grade_sheets_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_sheets" ADD CONSTRAINT "grade_sheets_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_sheets" ADD CONSTRAINT "grade_sheets_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcripts" ADD CONSTRAINT "transcripts_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcripts" ADD CONSTRAINT "transcripts_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "grade_corrections_one_live" ON "grade_corrections" USING btree ("record_id") WHERE "grade_corrections"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "grade_record_versions_seq" ON "grade_record_versions" USING btree ("record_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "grade_records_attempt" ON "grade_records" USING btree ("student_id","course_id","term_id","attempt");--> statement-breakpoint
CREATE INDEX "grade_records_sheet_idx" ON "grade_records" USING btree ("sheet_id");--> statement-breakpoint
CREATE INDEX "grade_records_student_idx" ON "grade_records" USING btree ("student_id","term_id");--> statement-breakpoint
CREATE INDEX "grade_records_course_term_idx" ON "grade_records" USING btree ("course_id","term_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grade_sheets_class_kind" ON "grade_sheets" USING btree ("teaching_class_id","kind");--> statement-breakpoint
CREATE INDEX "grade_sheets_term_status_idx" ON "grade_sheets" USING btree ("term_id","status");--> statement-breakpoint
CREATE INDEX "transcripts_student_idx" ON "transcripts" USING btree ("student_id","kind","lang");--> statement-breakpoint
-- A grade's versions are its history: append-only, like the papers' chain of custody.
CREATE TRIGGER grade_record_versions_no_update_delete BEFORE UPDATE OR DELETE ON grade_record_versions
  FOR EACH ROW EXECUTE FUNCTION exam_paper_records_immutable();
--> statement-breakpoint
-- A published grade changes only by a correction: the grade or its components may change only
-- together with a higher version (written by the correction's approval with its version row), and
-- a published record is never deleted nor unpublished. Whatever route or bug tries otherwise, the
-- database refuses.
CREATE OR REPLACE FUNCTION grade_records_published_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.published_at IS NOT NULL THEN
      RAISE EXCEPTION 'a published grade cannot be deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.published_at IS NOT NULL THEN
    IF NEW.published_at IS NULL
      OR ((NEW.entry IS DISTINCT FROM OLD.entry OR NEW.components IS DISTINCT FROM OLD.components
           OR NEW.student_id <> OLD.student_id OR NEW.course_id <> OLD.course_id OR NEW.term_id <> OLD.term_id
           OR NEW.attempt <> OLD.attempt)
          AND NEW.version <= OLD.version)
      OR NEW.version < OLD.version THEN
      RAISE EXCEPTION 'a published grade changes only by a correction' USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER grade_records_published_guard BEFORE UPDATE OR DELETE ON grade_records
  FOR EACH ROW EXECUTE FUNCTION grade_records_published_guard();
