CREATE TABLE "account_handouts" (
	"job_id" integer PRIMARY KEY NOT NULL,
	"rows" jsonb NOT NULL,
	"created_by" integer,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"password_policy" text DEFAULT 'random' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "users_student_id_unique" ON "users" USING btree ("student_id") WHERE student_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "users_teacher_id_unique" ON "users" USING btree ("teacher_id") WHERE teacher_id is not null;--> statement-breakpoint
CREATE INDEX "users_username_lower_idx" ON "users" USING btree (lower("username"));