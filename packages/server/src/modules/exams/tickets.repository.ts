import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';

/** The SQL of admission tickets 准考证 (tickets.service.ts). */

type H = Db | Tx;
const rowsOf = async <T>(db: H, q: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

export interface TicketStudent {
  id: number;
  name: string;
  code: string;
  collegeId: number;
  collegeName: string;
  majorName: string;
  adminClassName: string;
}

/** What the ticket prints of a student (deleted students have none). */
export async function findTicketStudent(db: H, studentId: number): Promise<TicketStudent | null> {
  const [row] = await rowsOf<TicketStudent>(
    db,
    sql`select s.id, s.name, s.code, d.college_id as "collegeId", co.name as "collegeName", m.name as "majorName",
               coalesce(ac.name, '') as "adminClassName"
          from students s join majors m on m.id = s.major_id join departments d on d.id = m.department_id
          join colleges co on co.id = d.college_id left join admin_classes ac on ac.id = s.admin_class_id
         where s.id = ${studentId} and s.deleted_at is null`,
  );
  return row ?? null;
}

/** The term a ticket is for: the one asked for, else the current one. */
export async function findTicketTerm(db: H, termId: number | undefined): Promise<{ id: number; name: string } | null> {
  const [row] = await rowsOf<{ id: number; name: string }>(
    db,
    termId === undefined ? sql`select id, name from terms where is_current limit 1` : sql`select id, name from terms where id = ${termId}`,
  );
  return row ?? null;
}
