import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { attachments } from './attachments.tables.ts';

/** The SQL of uploaded files (attachments.service.ts). */

type H = Db | Tx;
export type AttachmentRow = typeof attachments.$inferSelect;
export type AttachmentMeta = Omit<AttachmentRow, 'content'>;

const metaCols = {
  id: attachments.id,
  uploadedBy: attachments.uploadedBy,
  filename: attachments.filename,
  mime: attachments.mime,
  size: attachments.size,
  sha256: attachments.sha256,
  ownerType: attachments.ownerType,
  ownerId: attachments.ownerId,
  createdAt: attachments.createdAt,
};

export async function insertAttachment(tx: Tx, values: typeof attachments.$inferInsert): Promise<AttachmentMeta> {
  const [row] = await tx.insert(attachments).values(values).returning(metaCols);
  return row;
}

export async function findAttachmentMeta(db: H, id: number): Promise<AttachmentMeta | null> {
  const [row] = await db.select(metaCols).from(attachments).where(eq(attachments.id, id));
  return row ?? null;
}

export async function findAttachmentContent(db: H, id: number): Promise<Buffer | null> {
  const [row] = await db.select({ content: attachments.content }).from(attachments).where(eq(attachments.id, id));
  return row?.content ?? null;
}

/** The metadata of these files (a list shows their names), without their bytes. */
export async function findAttachmentMetas(db: H, ids: number[]): Promise<AttachmentMeta[]> {
  if (!ids.length) return [];
  return db.select(metaCols).from(attachments).where(inArray(attachments.id, ids));
}

/**
 * Claims the uploader's unlinked file for a record in one statement, so two records racing for
 * the same file cannot both get it; false when it is not theirs or already claimed.
 */
export async function claimAttachment(tx: Tx, id: number, uploadedBy: number, owner: { type: string; id: number }): Promise<boolean> {
  const rows = await tx
    .update(attachments)
    .set({ ownerType: owner.type, ownerId: owner.id })
    .where(and(eq(attachments.id, id), eq(attachments.uploadedBy, uploadedBy), isNull(attachments.ownerType)))
    .returning({ id: attachments.id });
  return rows.length === 1;
}

/** Deletes files no record claimed that were uploaded before `before`; the number deleted. */
export async function deleteUnclaimedBefore(db: H, before: Date): Promise<number> {
  const rows = await db
    .delete(attachments)
    .where(and(isNull(attachments.ownerType), lt(attachments.createdAt, sql`${before.toISOString()}::timestamptz`)))
    .returning({ id: attachments.id });
  return rows.length;
}
