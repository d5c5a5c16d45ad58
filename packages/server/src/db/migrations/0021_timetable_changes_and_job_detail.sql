ALTER TABLE "jobs" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "timetable_changes" ADD COLUMN "origin" jsonb;