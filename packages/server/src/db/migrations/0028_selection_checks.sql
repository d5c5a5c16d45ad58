CREATE TABLE "selection_check_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"kind" text NOT NULL,
	"subject_key" text NOT NULL,
	"student_id" integer,
	"teaching_class_id" integer,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"auto_resolved" boolean DEFAULT false NOT NULL,
	"note" text,
	"resolved_by" integer,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "selection_rounds" ADD COLUMN "min_class_size" integer DEFAULT 10;--> statement-breakpoint
ALTER TABLE "selection_check_findings" ADD CONSTRAINT "selection_check_findings_round_id_selection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."selection_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_check_findings" ADD CONSTRAINT "selection_check_findings_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_check_findings" ADD CONSTRAINT "selection_check_findings_teaching_class_id_teaching_classes_id_fk" FOREIGN KEY ("teaching_class_id") REFERENCES "public"."teaching_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_check_findings" ADD CONSTRAINT "selection_check_findings_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "selection_check_findings_subject" ON "selection_check_findings" USING btree ("round_id","subject_key");--> statement-breakpoint
CREATE INDEX "selection_check_findings_list_idx" ON "selection_check_findings" USING btree ("round_id","status","kind","id");--> statement-breakpoint
CREATE INDEX "selection_check_findings_open_idx" ON "selection_check_findings" USING btree ("round_id") WHERE "selection_check_findings"."status" = 'open';