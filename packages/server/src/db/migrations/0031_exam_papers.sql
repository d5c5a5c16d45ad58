CREATE TABLE "exam_paper_codes" (
	"record_id" integer PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_paper_confirmations" (
	"record_id" integer PRIMARY KEY NOT NULL,
	"user_id" integer,
	"method" text NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_paper_flag_notices" (
	"paper_id" integer NOT NULL,
	"flag_key" text NOT NULL,
	"user_id" integer,
	"notified_at" timestamp with time zone NOT NULL,
	CONSTRAINT "exam_paper_flag_notices_paper_id_flag_key_pk" PRIMARY KEY("paper_id","flag_key")
);
--> statement-breakpoint
CREATE TABLE "exam_paper_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"paper_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"corrects_id" integer,
	"giver_user_id" integer NOT NULL,
	"receiver_user_id" integer,
	"at" timestamp (3) with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"copies" integer,
	"returned" integer,
	"used" integer,
	"note" text DEFAULT '' NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_papers" (
	"id" serial PRIMARY KEY NOT NULL,
	"exam_id" integer NOT NULL,
	"version" text NOT NULL,
	"copies" integer NOT NULL,
	"status" text DEFAULT 'drafted' NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"author_user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_papers_version" CHECK ("exam_papers"."version" in ('A', 'B')),
	CONSTRAINT "exam_papers_copies" CHECK ("exam_papers"."copies" between 1 and 100000)
);
--> statement-breakpoint
ALTER TABLE "exam_paper_codes" ADD CONSTRAINT "exam_paper_codes_record_id_exam_paper_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."exam_paper_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_paper_confirmations" ADD CONSTRAINT "exam_paper_confirmations_record_id_exam_paper_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."exam_paper_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_paper_confirmations" ADD CONSTRAINT "exam_paper_confirmations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_paper_flag_notices" ADD CONSTRAINT "exam_paper_flag_notices_paper_id_exam_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."exam_papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_paper_flag_notices" ADD CONSTRAINT "exam_paper_flag_notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_paper_records" ADD CONSTRAINT "exam_paper_records_paper_id_exam_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."exam_papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_paper_records" ADD CONSTRAINT "exam_paper_records_giver_user_id_users_id_fk" FOREIGN KEY ("giver_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_paper_records" ADD CONSTRAINT "exam_paper_records_receiver_user_id_users_id_fk" FOREIGN KEY ("receiver_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_papers" ADD CONSTRAINT "exam_papers_exam_id_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_papers" ADD CONSTRAINT "exam_papers_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exam_paper_records_seq" ON "exam_paper_records" USING btree ("paper_id","seq");--> statement-breakpoint
CREATE INDEX "exam_paper_records_receiver_idx" ON "exam_paper_records" USING btree ("receiver_user_id");--> statement-breakpoint
CREATE INDEX "exam_paper_records_giver_idx" ON "exam_paper_records" USING btree ("giver_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_papers_exam_version" ON "exam_papers" USING btree ("exam_id","version");--> statement-breakpoint
-- A paper's chain of custody is append-only: a mistake is corrected by a new record, never by an
-- edit. Only someone able to switch the trigger off could change history, and the hash chain
-- (papers.chain.ts) then shows which record was touched.
CREATE OR REPLACE FUNCTION exam_paper_records_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER exam_paper_records_no_update_delete BEFORE UPDATE OR DELETE ON exam_paper_records
  FOR EACH ROW EXECUTE FUNCTION exam_paper_records_immutable();
--> statement-breakpoint
CREATE TRIGGER exam_paper_confirmations_no_update_delete BEFORE UPDATE OR DELETE ON exam_paper_confirmations
  FOR EACH ROW EXECUTE FUNCTION exam_paper_records_immutable();
