CREATE INDEX "students_name_idx" ON "students" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "students_cohort_idx" ON "students" USING btree ("cohort","id");--> statement-breakpoint
CREATE INDEX "teachers_name_idx" ON "teachers" USING btree ("name","id");