import { sql } from 'drizzle-orm';
import type { ExamExportOwner } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';

/** The SQL of printed exam schedules (schedule-export.service.ts): whose schedule, and their college. */

type H = Db | Tx;
const rowsOf = async <T>(db: H, q: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

export interface ExportOwner {
  name: string;
  /** The college a secretary must hold to print it; null for a room (rooms belong to no college). */
  collegeId: number | null;
}

const OWNER_SQL: Record<ExamExportOwner, (id: number) => ReturnType<typeof sql>> = {
  student: (id) =>
    sql`select s.name || '（' || s.code || '）' as name, d.college_id as "collegeId"
          from students s join majors m on m.id = s.major_id join departments d on d.id = m.department_id
         where s.id = ${id} and s.deleted_at is null`,
  teacher: (id) =>
    sql`select t.name, d.college_id as "collegeId" from teachers t join departments d on d.id = t.department_id
         where t.id = ${id} and t.deleted_at is null`,
  room: (id) =>
    sql`select case when r.name like b.name || '%' then r.name else b.name || ' ' || r.name end as name, null::int as "collegeId" from rooms r join buildings b on b.id = r.building_id where r.id = ${id}`,
  college: (id) => sql`select name, id as "collegeId" from colleges where id = ${id}`,
};

export async function findExportOwner(db: H, kind: ExamExportOwner, id: number): Promise<ExportOwner | null> {
  const [row] = await rowsOf<ExportOwner>(db, OWNER_SQL[kind](id));
  return row ?? null;
}

export async function findTermName(db: H, termId: number): Promise<string | null> {
  const [row] = await rowsOf<{ name: string }>(db, sql`select name from terms where id = ${termId}`);
  return row?.name ?? null;
}
