import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
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
} from '../modules/org/org.tables.ts';

// Factories for tests that need their own rows (Outline's buildGroup({ teamId })):
// each inserts straight through Drizzle with a unique code, creating missing
// parents, and returns the inserted row. They write no audit records.

let seq = 0;
/** A code no demo row and no other factory call uses (letters, digits, dash: valid for the API too). */
export function uniqueCode(prefix = 'T'): string {
  seq += 1;
  return `${prefix}-${process.pid.toString(36)}-${seq}`;
}

export async function buildTerm(db: Db, overrides: Partial<typeof terms.$inferInsert> = {}) {
  const code = overrides.code ?? uniqueCode('TERM');
  const [row] = await db
    .insert(terms)
    .values({ code, name: `学期 ${code}`, academicYear: '2030-2031', semester: 1, startDate: '2030-09-02', weeks: 18, ...overrides })
    .returning();
  return row;
}

export async function buildCampus(db: Db, overrides: Partial<typeof campuses.$inferInsert> = {}) {
  const code = overrides.code ?? uniqueCode('CAM');
  const [row] = await db
    .insert(campuses)
    .values({ code, name: `校区 ${code}`, ...overrides })
    .returning();
  return row;
}

export async function buildBuilding(db: Db, overrides: Partial<typeof buildings.$inferInsert> = {}) {
  const code = overrides.code ?? uniqueCode('BLD');
  const campusId = overrides.campusId ?? (await buildCampus(db)).id;
  const [row] = await db
    .insert(buildings)
    .values({ code, name: `楼 ${code}`, ...overrides, campusId })
    .returning();
  return row;
}

export async function buildRoom(db: Db, overrides: Partial<typeof rooms.$inferInsert> = {}) {
  const code = overrides.code ?? uniqueCode('RM');
  const buildingId = overrides.buildingId ?? (await buildBuilding(db)).id;
  const [row] = await db
    .insert(rooms)
    .values({ code, name: `教室 ${code}`, type: 'lecture', capacity: 60, examCapacity: 30, ...overrides, buildingId })
    .returning();
  return row;
}

export async function buildCollege(db: Db, overrides: Partial<typeof colleges.$inferInsert> = {}) {
  const code = overrides.code ?? uniqueCode('COL');
  const [row] = await db
    .insert(colleges)
    .values({ code, name: `学院 ${code}`, ...overrides })
    .returning();
  return row;
}

export async function buildDepartment(db: Db, overrides: Partial<typeof departments.$inferInsert> = {}) {
  const code = overrides.code ?? uniqueCode('DEP');
  const collegeId = overrides.collegeId ?? (await buildCollege(db)).id;
  const [row] = await db
    .insert(departments)
    .values({ code, name: `系 ${code}`, ...overrides, collegeId })
    .returning();
  return row;
}

export async function buildMajor(db: Db, overrides: Partial<typeof majors.$inferInsert> = {}) {
  const code = overrides.code ?? uniqueCode('MAJ');
  const departmentId = overrides.departmentId ?? (await buildDepartment(db)).id;
  const [row] = await db
    .insert(majors)
    .values({ code, name: `专业 ${code}`, ...overrides, departmentId })
    .returning();
  return row;
}

export async function buildAdminClass(db: Db, overrides: Partial<typeof adminClasses.$inferInsert> = {}) {
  const code = overrides.code ?? uniqueCode('AC');
  const majorId = overrides.majorId ?? (await buildMajor(db)).id;
  const [row] = await db
    .insert(adminClasses)
    .values({ code, name: `班 ${code}`, cohort: 2025, ...overrides, majorId })
    .returning();
  return row;
}

export async function buildTeacher(db: Db, overrides: Partial<typeof teachers.$inferInsert> = {}) {
  const code = overrides.code ?? uniqueCode('TCH');
  const departmentId = overrides.departmentId ?? (await buildDepartment(db)).id;
  const [row] = await db
    .insert(teachers)
    .values({ code, name: `教师 ${code}`, ...overrides, departmentId })
    .returning();
  return row;
}

/** A student in `adminClassId` (a new class when omitted); the major follows the class. */
export async function buildStudent(db: Db, overrides: Partial<typeof students.$inferInsert> = {}) {
  const code = overrides.code ?? uniqueCode('STU');
  const cls = overrides.adminClassId
    ? (await db.select().from(adminClasses).where(eq(adminClasses.id, overrides.adminClassId)))[0]
    : await buildAdminClass(db);
  const [row] = await db
    .insert(students)
    .values({
      code,
      name: `学生 ${code}`,
      cohort: cls.cohort,
      ...overrides,
      adminClassId: cls.id,
      majorId: overrides.majorId ?? cls.majorId,
    })
    .returning();
  return row;
}

/** The organisation resources by URL path, as the HTTP tests address them. */
export const ORG_PATHS = [
  'terms',
  'campuses',
  'buildings',
  'rooms',
  'colleges',
  'departments',
  'majors',
  'admin-classes',
  'teachers',
  'students',
] as const;
export type OrgPath = (typeof ORG_PATHS)[number];

/**
 * A valid POST body for `path`, with fresh parents built through the factories,
 * and the joined names the API should return for it. Non-default values
 * (status, flags) are chosen on purpose so a PATCH that resets them shows.
 */
export async function validBody(db: Db, path: OrgPath): Promise<{ body: Record<string, unknown>; joined: Record<string, unknown> }> {
  const code = uniqueCode(path.slice(0, 3).toUpperCase());
  const name = `名称 ${code}`;
  switch (path) {
    case 'terms':
      return {
        body: { code, name, academicYear: '2031-2032', semester: 2, startDate: '2032-02-23', weeks: 16, daysPerWeek: 6, periodsPerDay: 10 },
        joined: {},
      };
    case 'campuses':
      return { body: { code, name, address: '测试路 1 号' }, joined: {} };
    case 'buildings': {
      const campus = await buildCampus(db);
      return { body: { code, name, campusId: campus.id }, joined: { campusName: campus.name } };
    }
    case 'rooms': {
      const b = await buildBuilding(db);
      const [campus] = await db.select().from(campuses).where(eq(campuses.id, b.campusId));
      return {
        body: { code, name, buildingId: b.id, type: 'lab', capacity: 40, examCapacity: 20, features: ['projector'], isActive: false },
        joined: { buildingName: b.name, campusId: campus.id, campusName: campus.name },
      };
    }
    case 'colleges':
      return { body: { code, name, nameEn: `College ${code}` }, joined: {} };
    case 'departments': {
      const c = await buildCollege(db);
      return { body: { code, name, collegeId: c.id }, joined: { collegeName: c.name } };
    }
    case 'majors': {
      const c = await buildCollege(db);
      const d = await buildDepartment(db, { collegeId: c.id });
      return {
        body: { code, name, departmentId: d.id, durationYears: 5 },
        joined: { departmentName: d.name, collegeId: c.id, collegeName: c.name },
      };
    }
    case 'admin-classes': {
      const c = await buildCollege(db);
      const m = await buildMajor(db, { departmentId: (await buildDepartment(db, { collegeId: c.id })).id });
      return {
        body: { code, name, majorId: m.id, cohort: 2025 },
        joined: { majorName: m.name, collegeId: c.id, collegeName: c.name, studentCount: 0 },
      };
    }
    case 'teachers': {
      const c = await buildCollege(db);
      const d = await buildDepartment(db, { collegeId: c.id });
      return {
        body: { code, name, departmentId: d.id, gender: 'female', title: 'lecturer', status: 'retired', email: `${code}@example.edu` },
        joined: { departmentName: d.name, collegeId: c.id, collegeName: c.name },
      };
    }
    case 'students': {
      const c = await buildCollege(db);
      const m = await buildMajor(db, { departmentId: (await buildDepartment(db, { collegeId: c.id })).id });
      const cls = await buildAdminClass(db, { majorId: m.id, cohort: 2024 });
      return {
        body: { code, name, adminClassId: cls.id, cohort: 2024, gender: 'male', status: 'suspended', phone: '13800000000' },
        joined: {
          majorId: m.id,
          majorName: m.name,
          adminClassName: cls.name,
          adminClassCode: cls.code,
          collegeId: c.id,
          collegeName: c.name,
        },
      };
    }
  }
}
