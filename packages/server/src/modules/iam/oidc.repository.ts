import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { users } from './iam.tables.ts';

type H = Db | Tx;

/** The account linked to this student or teacher record. */
export async function findUserByPerson(db: H, person: { studentId: number | null; teacherId: number | null }) {
  if (person.studentId) {
    const [u] = await db.select().from(users).where(eq(users.studentId, person.studentId)).limit(1);
    if (u) return u;
  }
  if (person.teacherId) {
    const [u] = await db.select().from(users).where(eq(users.teacherId, person.teacherId)).limit(1);
    if (u) return u;
  }
  return null;
}
