ALTER TABLE "students" ADD COLUMN "id_number" text;--> statement-breakpoint
ALTER TABLE "teachers" ADD COLUMN "id_number" text;--> statement-breakpoint
CREATE UNIQUE INDEX "students_id_number_key" ON "students" USING btree ("id_number") WHERE "students"."id_number" is not null and "students"."deleted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "teachers_id_number_key" ON "teachers" USING btree ("id_number") WHERE "teachers"."id_number" is not null and "teachers"."deleted_at" is null;