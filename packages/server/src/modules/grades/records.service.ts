import type { Locale, StudentGrades } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor, type DataScope } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { buildStudentGrades, classRanks } from './records.present.ts';
import {
  findClassEntries,
  findPublishedRecords,
  findRecordStudent,
  type PublishedRecord,
  type RecordStudent,
} from './records.read-model.ts';
import { loadGradeRules } from './rules.ts';

const notFound = () => new AppError('not_found', { params: { what: 'student' } });

/**
 * Which of a student's published records a scope reaches: all of them for the office, the student
 * themself and the secretary of their college; for a teacher only those of the classes they teach
 * (a student with none of those is not theirs to see). Null: the student is out of scope.
 */
async function visibleRecords(db: Db, scope: DataScope, student: RecordStudent): Promise<PublishedRecord[] | null> {
  const whole =
    scope.kind === 'all' ||
    scope.selfStudentId === student.id ||
    (student.collegeId !== null && scope.collegeIds.includes(student.collegeId));
  if (whole) return findPublishedRecords(db, student.id);
  if (scope.teachingTeacherId === null) return null;
  const taught = await findPublishedRecords(db, student.id, scope.teachingTeacherId);
  return taught.length > 0 ? taught : null;
}

/**
 * 我的成绩 and a student's record as others in scope see it: published grades only, each course's
 * counting attempt by the school's rules, GPA per term and overall, credits per category.
 */
export function createRecordsService({ db }: { db: Db }) {
  async function read(scope: DataScope, studentId: number, termId: number | undefined, locale: Locale): Promise<StudentGrades> {
    const student = await findRecordStudent(db, studentId);
    if (!student) throw notFound();
    const visible = await visibleRecords(db, scope, student);
    if (!visible) throw notFound();
    const rules = await loadGradeRules(db);
    const ranks = rules.showRanks
      ? classRanks(
          visible,
          await findClassEntries(db, [...new Set(visible.flatMap((r) => (r.teachingClassId ? [r.teachingClassId] : [])))]),
          rules,
        )
      : null;
    const grades = buildStudentGrades(student, visible, rules, locale, ranks);
    return termId === undefined ? grades : { ...grades, items: grades.items.filter((i) => i.termId === termId) };
  }

  return {
    /** GET /api/grades/me?termId= — the signed-in student's own grades. */
    async mine(actor: Actor, termId: number | undefined, locale: Locale): Promise<StudentGrades> {
      requireAccess(actor, 'grades.read');
      if (actor.studentId === null) throw notFound();
      // Their own record, whatever else the actor's roles reach.
      return read(
        { kind: 'some', collegeIds: [], departmentIds: [], teachingTeacherId: null, selfTeacherId: null, selfStudentId: actor.studentId },
        actor.studentId,
        termId,
        locale,
      );
    },

    /** GET /api/grades/students/:studentId?termId= — another reader's view; out of scope is 404. */
    async ofStudent(actor: Actor, studentId: number, termId: number | undefined, locale: Locale): Promise<StudentGrades> {
      const scope = requireAccess(actor, 'grades.read');
      return read(scope, studentId, termId, locale);
    },
  };
}

export type RecordsService = ReturnType<typeof createRecordsService>;
