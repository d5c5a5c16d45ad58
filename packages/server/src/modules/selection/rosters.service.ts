import type { Locale, Roster } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor, type DataScope } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { findCourseFacts } from '../catalog/catalog.read-model.ts';
import { findTeachingClassRosterFacts } from '../offerings/offerings.read-model.ts';
import { findOrgNames, findStudentRosterFacts, findTermById } from '../org/org.read-model.ts';
import { EXPORT_TYPES } from '../timetable/export.service.ts';
import { rosterPdf } from './rosters.pdf.ts';
import * as rostersRepo from './rosters.repository.ts';
import { rosterWorkbook } from './rosters.xlsx.ts';

/**
 * 点名册 — the roster of a teaching class: its enrolled students by student number, for the
 * teacher who takes the register and the college that runs the class. JSON for the pages,
 * XLSX and PDF (with a signature column 签名, and blank attendance columns on paper) to print.
 */

/** A roster laid out for print, in one language: what the XLSX and the PDF both draw. */
export interface PrintRoster {
  title: string;
  /** Class, course, teachers, term: "教学班：CS201-01", "课程：数据结构" … */
  facts: { label: string; value: string }[];
  headers: { no: string; studentNo: string; name: string; adminClass: string; major: string; retake: string; signature: string };
  /** Header of the n-th blank attendance column (PDF). */
  attendance: (n: number) => string;
  rows: { no: number; studentNo: string; name: string; adminClass: string; major: string; retake: string }[];
  /** "共 42 人" / "42 students". */
  total: string;
  /** "第 1 页，共 3 页" / "Page 1 of 3". */
  page: (n: number, of: number) => string;
}

/** The class is inside the actor's selection.read scope: everything, its college, its course's department, or a class they teach. */
function covers(scope: DataScope, cls: { collegeId: number; teacherIds: number[] }, departmentId: number | null): boolean {
  if (scope.kind === 'all') return true;
  if (scope.collegeIds.includes(cls.collegeId)) return true;
  if (departmentId !== null && scope.departmentIds.includes(departmentId)) return true;
  return scope.teachingTeacherId !== null && cls.teacherIds.includes(scope.teachingTeacherId);
}

export function printRoster(r: Roster, termName: string, locale: Locale): PrintRoster {
  const en = locale === 'en';
  const join = (xs: string[]) => xs.join(en ? ', ' : '、');
  return {
    title: en ? `Class roster — ${r.code} ${r.courseName}` : `点名册 — ${r.code} ${r.courseName}`,
    facts: [
      { label: en ? 'Class' : '教学班', value: r.code },
      { label: en ? 'Course' : '课程', value: r.courseName },
      { label: en ? 'Teachers' : '教师', value: join(r.teachers) || '—' },
      { label: en ? 'Term' : '学期', value: termName },
    ],
    headers: en
      ? {
          no: 'No.',
          studentNo: 'Student no.',
          name: 'Name',
          adminClass: 'Admin class',
          major: 'Major',
          retake: 'Retake',
          signature: 'Signature',
        }
      : { no: '序号', studentNo: '学号', name: '姓名', adminClass: '行政班', major: '专业', retake: '重修', signature: '签名' },
    attendance: (n) => (en ? `Wk ${n}` : `第${n}次`),
    rows: r.students.map((s, i) => ({
      no: i + 1,
      studentNo: s.studentNo,
      name: s.name,
      adminClass: s.adminClass ?? '',
      major: s.major ?? '',
      retake: s.isRetake ? (en ? 'Retake' : '重修') : '',
    })),
    total: en ? `${r.students.length} student${r.students.length === 1 ? '' : 's'}` : `共 ${r.students.length} 人`,
    page: (n, of) => (en ? `Page ${n} of ${of}` : `第 ${n} 页，共 ${of} 页`),
  };
}

export function createRosterService(deps: { db: Db }) {
  const { db } = deps;

  async function load(
    actor: Actor,
    teachingClassId: number,
    locale: Locale,
  ): Promise<{ roster: Roster; termName: string; termCode: string }> {
    const scope = requireAccess(actor, 'selection.read');
    const cls = await findTeachingClassRosterFacts(db, teachingClassId);
    // Students (self) never read rosters; a class outside the scope does not exist for the reader.
    if (!cls) throw new AppError('not_found', { params: { what: 'teaching class' } });
    const [course] = await findCourseFacts(db, [cls.courseId]);
    if (!covers(scope, cls, course?.departmentId ?? null)) throw new AppError('not_found', { params: { what: 'teaching class' } });
    const enrolled = await rostersRepo.findClassEnrolledStudents(db, teachingClassId);
    const facts = new Map(
      (
        await findStudentRosterFacts(
          db,
          enrolled.map((e) => e.studentId),
        )
      ).map((s) => [s.id, s]),
    );
    const teacherNames = new Map((await findOrgNames(db, 'teachers', cls.teacherIds)).map((t) => [t.id, t.name]));
    const term = await findTermById(db, cls.termId);
    const students = enrolled
      .flatMap((e) => {
        const s = facts.get(e.studentId);
        return s ? [{ studentNo: s.code, name: s.name, adminClass: s.adminClassName, major: s.majorName, isRetake: e.isRetake }] : [];
      })
      .sort((a, b) => (a.studentNo < b.studentNo ? -1 : a.studentNo > b.studentNo ? 1 : 0));
    return {
      roster: {
        teachingClassId: cls.id,
        code: cls.code,
        courseName: course ? (locale === 'en' ? course.nameEn || course.name : course.name) : '',
        teachers: cls.teacherIds.map((id) => teacherNames.get(id)).filter((n): n is string => !!n),
        students,
        locked: await rostersRepo.isClassLocked(db, teachingClassId),
      },
      termName: term?.name ?? '',
      termCode: term?.code ?? '',
    };
  }

  return {
    /** The roster as JSON, students by student number. */
    async roster(actor: Actor, teachingClassId: number, locale: Locale): Promise<Roster> {
      return (await load(actor, teachingClassId, locale)).roster;
    },

    /** The roster to print: XLSX or PDF (with blank attendance columns). */
    async file(
      actor: Actor,
      teachingClassId: number,
      format: 'xlsx' | 'pdf',
      locale: Locale,
    ): Promise<{ file: Buffer; filename: string; contentType: string }> {
      const { roster, termName, termCode } = await load(actor, teachingClassId, locale);
      const print = printRoster(roster, termName, locale);
      const filename = `${termCode ? `${termCode}-` : ''}${roster.code}-${locale === 'en' ? 'roster' : '点名册'}.${format}`;
      return format === 'pdf'
        ? { file: await rosterPdf(print), filename, contentType: EXPORT_TYPES.pdf }
        : { file: await rosterWorkbook(print), filename, contentType: EXPORT_TYPES.xlsx };
    },
  };
}

export type RosterService = ReturnType<typeof createRosterService>;
