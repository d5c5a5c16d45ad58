import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeEntry } from '@jiaowu/contracts';
import { computeGpa, DEFAULT_GPA_CONFIG } from '@jiaowu/contracts/grades-core';
import { cloneTestDatabase, type TestDatabase } from '../../test/test-db.ts';

/**
 * The demo school's grades, as a newcomer finds them: the demo student has published grades in
 * two terms (autumn 2025 migrated from the old system) and a GPA, one of them corrected once; the
 * school has make-ups counted as 60 and retakes; the demo teacher has a class being entered; and
 * the passed/failed courses selection reads are the grades' own.
 */

let database: TestDatabase;
const rows = async <T>(q: ReturnType<typeof sql>) => ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
let studentId: number;
let teacherId: number;

beforeAll(async () => {
  database = await cloneTestDatabase('demo');
  [{ studentId, teacherId }] = await rows<{ studentId: number; teacherId: number }>(
    sql`select (select student_id from users where username = 'student') as "studentId",
               (select teacher_id from users where username = 'teacher') as "teacherId"`,
  );
});
afterAll(() => database.close());

describe('demo grades', () => {
  it('the demo student has published grades in two terms, the first migrated, and a GPA', async () => {
    const mine = await rows<{ term: string; source: string; entry: unknown; credits: number; raw: string | null }>(
      sql`select t.code as term, r.source, r.entry, r.credits_tenths as credits, r.raw_grade as raw
            from grade_records r join terms t on t.id = r.term_id
           where r.student_id = ${studentId} and r.published_at is not null order by t.start_date, r.id`,
    );
    const terms = [...new Set(mine.map((r) => r.term))];
    expect(terms).toEqual(['2025-2026-1', '2025-2026-2']);
    expect(mine.filter((r) => r.term === '2025-2026-1').every((r) => r.source === 'migrated' && r.raw)).toBe(true);
    expect(mine.filter((r) => r.term === '2025-2026-2').every((r) => r.source === 'demo')).toBe(true);
    const gpa = computeGpa(
      mine.map((r) => ({ entry: gradeEntry.parse(r.entry), creditsTenths: r.credits, categories: [] })),
      DEFAULT_GPA_CONFIG,
    );
    expect(Number(gpa!.display)).toBeGreaterThan(1);
    // The migrated records' version rows say so (the transcript's audit trail shows "migrated").
    const reasons = await rows<{ reason: string }>(
      sql`select distinct v.reason from grade_record_versions v join grade_records r on r.id = v.record_id
           where r.student_id = ${studentId} and r.source = 'migrated'`,
    );
    expect(reasons).toEqual([{ reason: 'migrated' }]);
  });

  it('one grade of the demo student was corrected once, by an approved correction', async () => {
    const corrected = await rows<{ student: number; version: number; reasons: string[]; status: string }>(
      sql`select r.student_id as student, r.version, array_agg(v.reason order by v.version) as reasons, c.status
            from grade_records r join grade_record_versions v on v.record_id = r.id
            join grade_corrections c on c.record_id = r.id
           where r.version > 1 group by r.id, c.status`,
    );
    expect(corrected).toEqual([{ student: studentId, version: 2, reasons: ['published', 'correction'], status: 'approved' }]);
  });

  it('the school has make-ups counted as 60 and retakes', async () => {
    const [capped] = await rows<{ n: number }>(
      sql`select count(*)::int as n from grade_records r join passed_courses p on p.student_id = r.student_id and p.course_id = r.course_id
           where r.attempt = 'makeup' and r.entry->>'kind' = 'score' and (r.entry->>'tenths')::int > 600 and p.score = '60'`,
    );
    expect(capped.n).toBeGreaterThan(0);
    const [retakes] = await rows<{ n: number }>(
      sql`select count(*)::int as n from grade_records where attempt = 'retake' and published_at is not null`,
    );
    expect(retakes.n).toBeGreaterThan(0);
    // Spring's classes have published sheets (normal, and make-up where someone failed).
    const sheets = await rows<{ kind: string; n: number }>(
      sql`select s.kind, count(*)::int as n from grade_sheets s join terms t on t.id = s.term_id
           where t.code = '2025-2026-2' and s.status = 'published' group by s.kind order by s.kind`,
    );
    expect(sheets.map((s) => s.kind)).toEqual(['makeup', 'normal']);
  });

  it('the demo teacher has a current class with a draft sheet: some grades entered, some missing', async () => {
    const [sheet] = await rows<{ id: number; entered: number; missing: number }>(
      sql`select s.id,
                 (select count(*)::int from grade_records r where r.sheet_id = s.id and r.entry is not null) as entered,
                 (select count(*)::int from grade_records r where r.sheet_id = s.id and r.entry is null) as missing
            from grade_sheets s join teaching_classes c on c.id = s.teaching_class_id join terms t on t.id = s.term_id
           where t.is_current and s.status = 'draft' and ${teacherId} = any(c.teacher_ids)`,
    );
    expect(sheet.entered).toBeGreaterThan(0);
    expect(sheet.missing).toBeGreaterThan(0);
  });

  it('passed and failed courses agree with the grades; the failers of 数学文化 still have 52', async () => {
    const sources = await rows<{ source: string }>(
      sql`select distinct source from passed_courses union select distinct source from failed_courses`,
    );
    expect(sources).toEqual([{ source: 'grades' }]);
    // Every required class of last term: each of its students passed the course.
    const [missing] = await rows<{ n: number }>(
      sql`select count(*)::int as n from teaching_classes c join terms t on t.id = c.term_id and t.code = '2025-2026-2'
            join students s on s.admin_class_id = any(c.admin_class_ids) and s.deleted_at is null
           where not exists (select 1 from passed_courses p where p.student_id = s.id and p.course_id = c.course_id)`,
    );
    expect(missing.n).toBe(0);
    const failed = await rows<{ code: string; score: string; term: string }>(
      sql`select c.code, f.score, t.code as term from failed_courses f join courses c on c.id = f.course_id
            join terms t on t.id = f.term_id order by f.student_id`,
    );
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.filter((f) => !(f.code === 'GE106' && f.score === '52' && f.term === '2025-2026-2'))).toEqual([]);
    const [demoStudentFailed] = await rows<{ n: number }>(
      sql`select count(*)::int as n from failed_courses where student_id = ${studentId}`,
    );
    expect(demoStudentFailed.n).toBe(1);
  });
});
