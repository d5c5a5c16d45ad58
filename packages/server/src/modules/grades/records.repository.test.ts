import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DEFAULT_ATTEMPT_POLICY, DEFAULT_FIVE_LEVEL_TOTALS } from '@jiaowu/contracts/grades-core';
import { cloneTestDatabase, type TestDatabase } from '../../test/test-db.ts';
import { buildDepartment, buildStudent, buildTerm, uniqueCode } from '../../test/factories.ts';
import { courses } from '../catalog/catalog.tables.ts';
import { failedCourses, passedCourses } from '../selection/selection.tables.ts';
import { gradeRecords, gradeRecordVersions } from './grades.tables.ts';
import { insertPublishedRecords, publishRecords, syncCourseOutcomes, writeCorrectedVersion } from './records.repository.ts';

const rules = { attempts: DEFAULT_ATTEMPT_POLICY, levelTotals: DEFAULT_FIVE_LEVEL_TOTALS };
let database: TestDatabase;
let studentId: number;
let courseId: number;
let spring: number;
let autumn: number;

beforeAll(async () => {
  database = await cloneTestDatabase('base');
  const db = database.db;
  studentId = (await buildStudent(db)).id;
  const department = await buildDepartment(db);
  [{ id: courseId }] = await db
    .insert(courses)
    .values({ code: uniqueCode('C'), name: '高等数学', credits: '4.0', departmentId: department.id, category: 'required' })
    .returning({ id: courses.id });
  autumn = (await buildTerm(db, { startDate: '2025-09-01' })).id;
  spring = (await buildTerm(db, { startDate: '2026-02-23' })).id;
});
afterAll(() => database.close());

describe('published grades and the courses selection reads', () => {
  it('a failure then a make-up pass: the course moves from failed to passed, shown capped at 60', async () => {
    const { db } = database;
    const now = new Date();
    await db.transaction(async (tx) => {
      await insertPublishedRecords(
        tx,
        [
          {
            studentId,
            courseId,
            termId: autumn,
            attempt: 'normal',
            entry: { kind: 'score', tenths: 450 },
            creditsTenths: 40,
            source: 'migrated',
          },
        ],
        { reason: 'migrated', createdBy: null, now },
      );
      await syncCourseOutcomes(tx, [{ studentId, courseId }], rules);
    });
    const [failed] = await db.select().from(failedCourses).where(eq(failedCourses.studentId, studentId));
    expect(failed).toMatchObject({ courseId, termId: autumn, score: '45', source: 'grades' });

    await db.transaction(async (tx) => {
      const [draft] = await tx
        .insert(gradeRecords)
        .values({ studentId, courseId, termId: autumn, attempt: 'makeup', entry: { kind: 'score', tenths: 780 }, creditsTenths: 40 })
        .returning({ id: gradeRecords.id });
      expect(await publishRecords(tx, [draft.id], null, now)).toHaveLength(1);
      await syncCourseOutcomes(tx, [{ studentId, courseId }], rules);
    });
    expect(await db.select().from(failedCourses).where(eq(failedCourses.studentId, studentId))).toEqual([]);
    const [passed] = await db.select().from(passedCourses).where(eq(passedCourses.studentId, studentId));
    expect(passed).toMatchObject({ courseId, score: '60', source: 'grades' });
  });

  it('a published grade changes only through a new version; its history stays', async () => {
    const { db } = database;
    const [record] = await db.select().from(gradeRecords).where(eq(gradeRecords.attempt, 'normal'));
    // A plain update of the grade is refused by the database itself.
    await expect(
      db
        .update(gradeRecords)
        .set({ entry: { kind: 'score', tenths: 990 } })
        .where(eq(gradeRecords.id, record.id)),
    ).rejects.toThrow();
    await expect(db.delete(gradeRecords).where(eq(gradeRecords.id, record.id))).rejects.toThrow();
    await expect(db.update(gradeRecordVersions).set({ note: 'x' }).where(eq(gradeRecordVersions.recordId, record.id))).rejects.toThrow();

    const moved = await db.transaction((tx) =>
      writeCorrectedVersion(tx, record.id, {
        baseVersion: 1,
        entry: { kind: 'score', tenths: 620 },
        components: {},
        correctionId: 1,
        note: '卷面漏记一题',
        by: null,
        now: new Date(),
      }),
    );
    expect(moved?.version).toBe(2);
    // A stale base version is refused rather than overwriting a newer grade.
    const stale = await db.transaction((tx) =>
      writeCorrectedVersion(tx, record.id, {
        baseVersion: 1,
        entry: { kind: 'score', tenths: 100 },
        components: {},
        correctionId: 2,
        note: 'stale',
        by: null,
        now: new Date(),
      }),
    );
    expect(stale).toBeNull();
    const versions = await db.select().from(gradeRecordVersions).where(eq(gradeRecordVersions.recordId, record.id));
    expect(versions.map((v) => [v.version, v.reason, (v.entry as { tenths: number }).tenths])).toEqual([
      [1, 'migrated', 450],
      [2, 'correction', 620],
    ]);
  });

  it('a later retake in another term that passes counts in that term', async () => {
    const { db } = database;
    const other = (await buildStudent(db)).id;
    await db.transaction(async (tx) => {
      await insertPublishedRecords(
        tx,
        [
          {
            studentId: other,
            courseId,
            termId: autumn,
            attempt: 'normal',
            entry: { kind: 'mark', mark: 'cheating' },
            creditsTenths: 40,
            source: 'demo',
          },
          {
            studentId: other,
            courseId,
            termId: spring,
            attempt: 'retake',
            entry: { kind: 'five_level', level: 'good' },
            creditsTenths: 40,
            source: 'demo',
          },
        ],
        { reason: 'published', createdBy: null, now: new Date() },
      );
      await syncCourseOutcomes(tx, [{ studentId: other, courseId }], rules);
    });
    const [passed] = await db.select().from(passedCourses).where(eq(passedCourses.studentId, other));
    expect(passed).toMatchObject({ termId: spring, score: '良' });
  });
});
