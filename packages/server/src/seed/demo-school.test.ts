import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOM_FEATURES, ROOM_TYPES, unavailableSlot } from '@jiaowu/contracts';
import { openDatabase, type Database, type Db } from '../db/client.ts';
import {
  adminClasses,
  buildings,
  campuses,
  colleges,
  departments,
  majors,
  rooms,
  students,
  teachers,
  terms,
  timePeriods,
} from '../modules/org/org.tables.ts';
import { seedDemoSchool, type DemoAnchors } from './demo-school.ts';

const opened: Database[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});

async function seededDatabase(): Promise<{ db: Db; anchors: DemoAnchors; ms: number }> {
  const database = await openDatabase({});
  opened.push(database);
  await database.migrate();
  const started = performance.now();
  const anchors = await seedDemoSchool(database.db);
  return { db: database.db, anchors, ms: performance.now() - started };
}

const count = async (db: Db, table: PgTable) => (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;

/** A fingerprint of everything the seed inserted, ids included. */
async function fingerprint(db: Db): Promise<string> {
  const hash = createHash('sha256');
  const dump = async (rows: Promise<unknown[]>) => hash.update(JSON.stringify(await rows));
  await dump(db.select().from(terms).orderBy(asc(terms.id)));
  await dump(db.select().from(timePeriods).orderBy(asc(timePeriods.id)));
  await dump(db.select().from(campuses).orderBy(asc(campuses.id)));
  await dump(db.select().from(buildings).orderBy(asc(buildings.id)));
  await dump(db.select().from(rooms).orderBy(asc(rooms.id)));
  await dump(db.select().from(colleges).orderBy(asc(colleges.id)));
  await dump(db.select().from(departments).orderBy(asc(departments.id)));
  await dump(db.select().from(majors).orderBy(asc(majors.id)));
  await dump(db.select().from(adminClasses).orderBy(asc(adminClasses.id)));
  await dump(db.select().from(teachers).orderBy(asc(teachers.id)));
  await dump(db.select().from(students).orderBy(asc(students.id)));
  return hash.digest('hex');
}

describe('seedDemoSchool', () => {
  let first: Awaited<ReturnType<typeof seededDatabase>>;

  it('seeds a school of the promised size in a few seconds', async () => {
    first = await seededDatabase();
    const { db, ms } = first;
    console.info(`demo school seeded in ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(10_000);

    expect(await count(db, campuses)).toBe(2);
    expect(await count(db, buildings)).toBeGreaterThanOrEqual(6);
    expect(await count(db, rooms)).toBeGreaterThanOrEqual(120);
    expect(await count(db, colleges)).toBeGreaterThanOrEqual(4);
    expect(await count(db, departments)).toBeGreaterThanOrEqual(12);
    expect(await count(db, majors)).toBeGreaterThanOrEqual(12);
    expect(await count(db, adminClasses)).toBeGreaterThanOrEqual(40);
    expect(await count(db, teachers)).toBeGreaterThanOrEqual(150);
    expect(await count(db, students)).toBeGreaterThanOrEqual(4000);
    expect(await count(db, terms)).toBe(3);
  });

  it('makes rooms that respect the contracts and the capacity rules', async () => {
    const all = await first.db.select().from(rooms);
    const types = new Set(all.map((r) => r.type));
    for (const t of ROOM_TYPES) expect(types.has(t)).toBe(true);
    for (const r of all) {
      expect(ROOM_TYPES).toContain(r.type);
      for (const f of r.features) expect(ROOM_FEATURES).toContain(f);
      for (const slot of r.unavailable as unknown[]) expect(unavailableSlot.safeParse(slot).success).toBe(true);
      if (r.type === 'lecture' || r.type === 'multimedia') {
        expect(r.capacity).toBeGreaterThanOrEqual(40);
        expect(r.capacity).toBeLessThanOrEqual(r.code === 'A-HALL' ? 360 : 200);
        expect(r.examCapacity).toBe(Math.floor(r.capacity / 2));
      }
      if (r.type === 'lab') {
        expect(r.capacity).toBeGreaterThanOrEqual(30);
        expect(r.capacity).toBeLessThanOrEqual(60);
      }
      if (r.type === 'computer') {
        expect(r.capacity).toBeGreaterThanOrEqual(60);
        expect(r.capacity).toBeLessThanOrEqual(120);
      }
    }
    const gyms = all.filter((r) => r.type === 'gym').length;
    expect(gyms).toBeGreaterThanOrEqual(2);
    expect(gyms).toBeLessThanOrEqual(4);
    expect(all.filter((r) => (r.unavailable as unknown[]).length > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('sets up the current term and its time grid', async () => {
    const { db, anchors } = first;
    const [current] = await db.select().from(terms).where(eq(terms.isCurrent, true));
    expect(current).toMatchObject({
      id: anchors.termId,
      code: '2026-2027-1',
      name: '2026-2027学年第一学期',
      academicYear: '2026-2027',
      semester: 1,
      startDate: '2026-09-07',
      weeks: 18,
      daysPerWeek: 5,
      periodsPerDay: 12,
    });
    const [previous] = await db.select().from(terms).where(eq(terms.code, '2025-2026-2'));
    expect(previous.isCurrent).toBe(false);
    // Autumn 2025: the old system's last term, before the previous one.
    const [earlier] = await db.select().from(terms).where(eq(terms.code, '2025-2026-1'));
    expect(earlier).toMatchObject({ id: anchors.earlierTermId, isCurrent: false, startDate: '2025-09-01' });
    expect(earlier.startDate < previous.startDate).toBe(true);
    const grid = await db.select().from(timePeriods).where(eq(timePeriods.termId, anchors.termId)).orderBy(asc(timePeriods.period));
    expect(grid.map((p) => p.period)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(grid[0]).toMatchObject({ campusId: null, startsAt: '08:00', endsAt: '08:45' });
    for (let i = 1; i < grid.length; i++) expect(grid[i].startsAt > grid[i - 1].endsAt).toBe(true);
  });

  it('keeps students consistent with their admin class', async () => {
    const rows = await first.db
      .select({
        code: students.code,
        cohort: students.cohort,
        majorId: students.majorId,
        classCohort: adminClasses.cohort,
        classMajorId: adminClasses.majorId,
        status: students.status,
      })
      .from(students)
      .innerJoin(adminClasses, eq(adminClasses.id, students.adminClassId));
    for (const r of rows) {
      expect(r.code).toMatch(/^\d{10}$/);
      expect(r.code.slice(0, 4)).toBe(String(r.cohort));
      expect(r.cohort).toBe(r.classCohort);
      expect(r.majorId).toBe(r.classMajorId);
    }
    const suspended = rows.filter((r) => r.status === 'suspended').length;
    expect(suspended).toBeGreaterThan(0);
    expect(suspended).toBeLessThan(rows.length * 0.05);
    expect(rows.filter((r) => r.status !== 'enrolled' && r.status !== 'suspended')).toEqual([]);
  });

  it('returns anchors in the computer-science college', async () => {
    const { db, anchors } = first;
    const [college] = await db.select().from(colleges).where(eq(colleges.id, anchors.secretaryCollegeId));
    expect(college.name).toBe('计算机科学与技术学院');

    const [teacher] = await db
      .select({ name: teachers.name, collegeId: departments.collegeId, code: teachers.code, email: teachers.email })
      .from(teachers)
      .innerJoin(departments, eq(departments.id, teachers.departmentId))
      .where(eq(teachers.id, anchors.teacherId));
    expect(teacher).toMatchObject({ name: '张伟', collegeId: anchors.secretaryCollegeId });
    expect(teacher.code).toMatch(/^T\d{8}$/);
    expect(teacher.email).toBe(`${teacher.code.toLowerCase()}@demo.edu.cn`);

    const [student] = await db
      .select({ name: students.name, code: students.code, collegeId: departments.collegeId })
      .from(students)
      .innerJoin(majors, eq(majors.id, students.majorId))
      .innerJoin(departments, eq(departments.id, majors.departmentId))
      .where(eq(students.id, anchors.studentId));
    expect(student).toMatchObject({ name: '李明', code: '2024010101', collegeId: anchors.secretaryCollegeId });
    // The demo accounts' names are not shared with anyone else.
    expect(await db.select({ id: teachers.id }).from(teachers).where(eq(teachers.name, '张伟'))).toHaveLength(1);
    expect(await db.select({ id: students.id }).from(students).where(eq(students.name, '李明'))).toHaveLength(1);
  });

  it('inserts exactly the same data on another fresh database', async () => {
    const second = await seededDatabase();
    expect(second.anchors).toEqual(first.anchors);
    expect(await fingerprint(second.db)).toBe(await fingerprint(first.db));
  });
});
