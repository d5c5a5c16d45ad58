import type { Tx } from '../db/client.ts';
import { userRoles, users } from '../modules/iam/iam.tables.ts';
import { findAllPeopleIds, findPeopleForAccounts } from '../modules/org/people.read-model.ts';

const CHUNK = 1000;

/**
 * An account for every demo student and teacher not already linked to one of the six demo
 * accounts: user name = 学号/工号, the built-in role (a teacher's college as anchor), the demo
 * password — hashed ONCE by the caller and the same string reused (it is public anyway; 4,441
 * hashes would take 18 minutes of a core) — and `isDemo`, so no forced change. Bulk inserts in
 * chunks; no audit record per account (the seed's one record counts them).
 */
export async function seedDemoPeopleAccounts(tx: Tx, { passwordHash, roleIds }: { passwordHash: string; roleIds: Record<string, number> }) {
  const taken = await tx.select({ studentId: users.studentId, teacherId: users.teacherId }).from(users);
  const counts = { students: 0, teachers: 0 };
  for (const kind of ['student', 'teacher'] as const) {
    const linked = new Set(taken.map((u) => (kind === 'student' ? u.studentId : u.teacherId)).filter((id) => id !== null));
    const ids = (await findAllPeopleIds(tx, kind)).filter((id) => !linked.has(id));
    for (let i = 0; i < ids.length; i += CHUNK) {
      const people = await findPeopleForAccounts(tx, kind, ids.slice(i, i + CHUNK));
      const inserted = await tx
        .insert(users)
        .values(
          people.map((p) => ({
            username: p.code,
            displayName: p.name,
            email: p.email,
            passwordHash,
            isDemo: true,
            ...(kind === 'student' ? { studentId: p.id } : { teacherId: p.id }),
          })),
        )
        .returning({ id: users.id, studentId: users.studentId, teacherId: users.teacherId });
      const collegeOf = new Map(people.map((p) => [p.id, p.collegeId]));
      await tx.insert(userRoles).values(
        inserted.map((u) => ({
          userId: u.id,
          roleId: roleIds[kind],
          collegeId: kind === 'teacher' ? (collegeOf.get(u.teacherId!) ?? null) : null,
        })),
      );
      counts[kind === 'student' ? 'students' : 'teachers'] += inserted.length;
    }
  }
  return counts;
}
