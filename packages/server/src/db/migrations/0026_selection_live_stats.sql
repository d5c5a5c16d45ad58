CREATE TABLE "selection_live_stats" (
	"round_id" integer NOT NULL,
	"process_id" text NOT NULL,
	"last_minute" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"refusals" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "selection_live_stats_round_id_process_id_pk" PRIMARY KEY("round_id","process_id")
);
--> statement-breakpoint
ALTER TABLE "selection_live_stats" ADD CONSTRAINT "selection_live_stats_round_id_selection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."selection_rounds"("id") ON DELETE cascade ON UPDATE no action;