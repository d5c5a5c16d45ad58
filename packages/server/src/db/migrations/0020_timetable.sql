CREATE TABLE "calendar_feeds" (
	"id" serial PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" integer NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "room_bookings" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"room_id" integer NOT NULL,
	"week_mask" integer NOT NULL,
	"day" integer NOT NULL,
	"from_period" integer NOT NULL,
	"to_period" integer NOT NULL,
	"purpose" text NOT NULL,
	"booked_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" integer
);
--> statement-breakpoint
CREATE TABLE "teacher_time_blocks" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"teacher_id" integer NOT NULL,
	"kind" text NOT NULL,
	"day" integer NOT NULL,
	"from_period" integer NOT NULL,
	"to_period" integer NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timetable_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"kind" text NOT NULL,
	"lecture_key" text NOT NULL,
	"teaching_class_id" integer NOT NULL,
	"college_id" integer NOT NULL,
	"teacher_id" integer,
	"week_mask" integer NOT NULL,
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"substitute_teacher_id" integer,
	"reason_kind" text NOT NULL,
	"reason" text NOT NULL,
	"periods" integer NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"failure" jsonb,
	"workflow_instance_id" integer,
	"applied_version_id" integer,
	"requested_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timetable_draft_edits" (
	"id" serial PRIMARY KEY NOT NULL,
	"draft_id" integer NOT NULL,
	"kind" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"actor_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "timetable_draft_lectures" (
	"id" serial PRIMARY KEY NOT NULL,
	"draft_id" integer NOT NULL,
	"lecture_key" text NOT NULL,
	"teaching_class_id" integer NOT NULL,
	"session_index" integer NOT NULL,
	"day" integer,
	"start_period" integer,
	"length" integer NOT NULL,
	"week_mask" integer NOT NULL,
	"room_id" integer,
	"teacher_ids" integer[] DEFAULT '{}' NOT NULL,
	"kind" text DEFAULT 'regular' NOT NULL,
	"lock_time" boolean DEFAULT false NOT NULL,
	"lock_room" boolean DEFAULT false NOT NULL,
	"unplaced_reasons" jsonb
);
--> statement-breakpoint
CREATE TABLE "timetable_drafts" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"based_on_version_id" integer,
	"solve_summary" jsonb,
	"last_job_id" integer,
	"workflow_instance_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timetable_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"kind" text DEFAULT 'same_time' NOT NULL,
	"name" text NOT NULL,
	"teaching_class_ids" integer[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timetable_settings" (
	"term_id" integer PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"weights" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"blocked_slots" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"campus_travel" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"teacher_max_periods_per_day" integer,
	"evening_from_period" integer,
	"change_rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timetable_version_lectures" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"lecture_key" text NOT NULL,
	"teaching_class_id" integer NOT NULL,
	"session_index" integer NOT NULL,
	"day" integer,
	"start_period" integer,
	"length" integer NOT NULL,
	"week_mask" integer NOT NULL,
	"room_id" integer,
	"teacher_ids" integer[] DEFAULT '{}' NOT NULL,
	"kind" text DEFAULT 'regular' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timetable_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"version_no" integer NOT NULL,
	"source" text NOT NULL,
	"draft_id" integer,
	"change_request_id" integer,
	"note" text,
	"published_by" integer,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_booked_by_users_id_fk" FOREIGN KEY ("booked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_time_blocks" ADD CONSTRAINT "teacher_time_blocks_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_time_blocks" ADD CONSTRAINT "teacher_time_blocks_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_changes" ADD CONSTRAINT "timetable_changes_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_changes" ADD CONSTRAINT "timetable_changes_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_changes" ADD CONSTRAINT "timetable_changes_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_changes" ADD CONSTRAINT "timetable_changes_substitute_teacher_id_teachers_id_fk" FOREIGN KEY ("substitute_teacher_id") REFERENCES "public"."teachers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_changes" ADD CONSTRAINT "timetable_changes_applied_version_id_timetable_versions_id_fk" FOREIGN KEY ("applied_version_id") REFERENCES "public"."timetable_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_changes" ADD CONSTRAINT "timetable_changes_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_draft_edits" ADD CONSTRAINT "timetable_draft_edits_draft_id_timetable_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."timetable_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_draft_edits" ADD CONSTRAINT "timetable_draft_edits_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_draft_lectures" ADD CONSTRAINT "timetable_draft_lectures_draft_id_timetable_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."timetable_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_draft_lectures" ADD CONSTRAINT "timetable_draft_lectures_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_draft_lectures" ADD CONSTRAINT "timetable_draft_lectures_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_drafts" ADD CONSTRAINT "timetable_drafts_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_drafts" ADD CONSTRAINT "timetable_drafts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_links" ADD CONSTRAINT "timetable_links_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_settings" ADD CONSTRAINT "timetable_settings_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_version_lectures" ADD CONSTRAINT "timetable_version_lectures_version_id_timetable_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."timetable_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_version_lectures" ADD CONSTRAINT "timetable_version_lectures_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_version_lectures" ADD CONSTRAINT "timetable_version_lectures_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_versions" ADD CONSTRAINT "timetable_versions_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_versions" ADD CONSTRAINT "timetable_versions_draft_id_timetable_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."timetable_drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_versions" ADD CONSTRAINT "timetable_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_feeds_owner_idx" ON "calendar_feeds" USING btree ("owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "room_bookings_term_room_idx" ON "room_bookings" USING btree ("term_id","room_id");--> statement-breakpoint
CREATE INDEX "teacher_time_blocks_term_teacher_idx" ON "teacher_time_blocks" USING btree ("term_id","teacher_id");--> statement-breakpoint
CREATE INDEX "timetable_changes_term_idx" ON "timetable_changes" USING btree ("term_id","status");--> statement-breakpoint
CREATE INDEX "timetable_changes_teacher_idx" ON "timetable_changes" USING btree ("teacher_id");--> statement-breakpoint
CREATE INDEX "timetable_draft_edits_draft_idx" ON "timetable_draft_edits" USING btree ("draft_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "timetable_draft_lectures_key" ON "timetable_draft_lectures" USING btree ("draft_id","lecture_key");--> statement-breakpoint
CREATE INDEX "timetable_draft_lectures_class_idx" ON "timetable_draft_lectures" USING btree ("teaching_class_id");--> statement-breakpoint
CREATE INDEX "timetable_drafts_term_idx" ON "timetable_drafts" USING btree ("term_id");--> statement-breakpoint
CREATE INDEX "timetable_links_term_idx" ON "timetable_links" USING btree ("term_id");--> statement-breakpoint
CREATE INDEX "timetable_version_lectures_version_idx" ON "timetable_version_lectures" USING btree ("version_id","day","start_period");--> statement-breakpoint
CREATE INDEX "timetable_version_lectures_room_idx" ON "timetable_version_lectures" USING btree ("version_id","room_id");--> statement-breakpoint
CREATE INDEX "timetable_version_lectures_class_idx" ON "timetable_version_lectures" USING btree ("teaching_class_id");--> statement-breakpoint
CREATE UNIQUE INDEX "timetable_versions_term_no" ON "timetable_versions" USING btree ("term_id","version_no");