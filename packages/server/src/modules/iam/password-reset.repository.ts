import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { passwordResetTokens, users } from './iam.tables.ts';

type H = Db | Tx;

/** The one account with this email address (case-insensitive); null when none or several share it. */
export async function findUserByEmail(db: H, email: string) {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(2);
  return rows.length === 1 ? rows[0] : null;
}

/** Ends the user's links not yet used: only the newest link works. */
export async function retireTokensOfUser(tx: Tx, userId: number, at: Date) {
  await tx
    .update(passwordResetTokens)
    .set({ usedAt: at })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

export async function insertToken(tx: Tx, values: typeof passwordResetTokens.$inferInsert) {
  await tx.insert(passwordResetTokens).values(values);
}

export async function findToken(db: H, tokenHash: string) {
  const [row] = await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.tokenHash, tokenHash));
  return row ?? null;
}

/**
 * Uses a link: one conditional UPDATE, so of two requests with the same link only one gets the
 * user id back (the other sees nothing and is refused).
 */
export async function useToken(tx: Tx, tokenHash: string, now: Date): Promise<number | null> {
  const [row] = await tx
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
    .returning({ userId: passwordResetTokens.userId });
  return row?.userId ?? null;
}

/** Forgets links that can no longer be used (used or expired before `before`). */
export async function deleteOldTokens(db: H, before: Date) {
  await db.delete(passwordResetTokens).where(or(lt(passwordResetTokens.expiresAt, before), lt(passwordResetTokens.usedAt, before)));
}
