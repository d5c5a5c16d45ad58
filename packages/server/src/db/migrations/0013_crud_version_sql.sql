-- Every update of a master-data row bumps its version, whoever writes it (the
-- CRUD layer, imports, other modules), so an edit based on an older read is
-- refused with `stale` by the CRUD layer's conditional UPDATE … WHERE version = $n.
CREATE OR REPLACE FUNCTION bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER terms_bump_version BEFORE UPDATE ON "terms" FOR EACH ROW EXECUTE FUNCTION bump_row_version();--> statement-breakpoint
CREATE TRIGGER campuses_bump_version BEFORE UPDATE ON "campuses" FOR EACH ROW EXECUTE FUNCTION bump_row_version();--> statement-breakpoint
CREATE TRIGGER buildings_bump_version BEFORE UPDATE ON "buildings" FOR EACH ROW EXECUTE FUNCTION bump_row_version();--> statement-breakpoint
CREATE TRIGGER rooms_bump_version BEFORE UPDATE ON "rooms" FOR EACH ROW EXECUTE FUNCTION bump_row_version();--> statement-breakpoint
CREATE TRIGGER colleges_bump_version BEFORE UPDATE ON "colleges" FOR EACH ROW EXECUTE FUNCTION bump_row_version();--> statement-breakpoint
CREATE TRIGGER departments_bump_version BEFORE UPDATE ON "departments" FOR EACH ROW EXECUTE FUNCTION bump_row_version();--> statement-breakpoint
CREATE TRIGGER majors_bump_version BEFORE UPDATE ON "majors" FOR EACH ROW EXECUTE FUNCTION bump_row_version();--> statement-breakpoint
CREATE TRIGGER admin_classes_bump_version BEFORE UPDATE ON "admin_classes" FOR EACH ROW EXECUTE FUNCTION bump_row_version();--> statement-breakpoint
CREATE TRIGGER teachers_bump_version BEFORE UPDATE ON "teachers" FOR EACH ROW EXECUTE FUNCTION bump_row_version();--> statement-breakpoint
CREATE TRIGGER students_bump_version BEFORE UPDATE ON "students" FOR EACH ROW EXECUTE FUNCTION bump_row_version();--> statement-breakpoint
CREATE TRIGGER courses_bump_version BEFORE UPDATE ON "courses" FOR EACH ROW EXECUTE FUNCTION bump_row_version();
