ALTER TABLE "selection_rounds" ADD COLUMN "notice_days_before" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "selection_rounds" ADD COLUMN "noticed_before_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "selection_rounds" ADD COLUMN "noticed_open_at" timestamp with time zone;