import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../modules/iam/iam.tables.ts';

/** Raw bytes; PGlite hands back a Uint8Array and pg a Buffer, so reads are normalised to Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * An uploaded file (a medical certificate, grade-correction evidence). Stored in the database so
 * every API process serves it and backups hold it. A record that uses the file claims it by
 * setting `owner_type`/`owner_id` once (a conditional update: never two records, never another's
 * upload); who may read that record may download it.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: serial('id').primaryKey(),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    filename: text('filename').notNull(),
    /** Decided from the content's first bytes: application/pdf | image/jpeg | image/png. */
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    /** The kind of record that uses the file (an attachment owner registered by a module), null while unlinked. */
    ownerType: text('owner_type'),
    ownerId: integer('owner_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('attachments_owner_idx').on(t.ownerType, t.ownerId),
    index('attachments_uploader_idx').on(t.uploadedBy),
    check('attachments_size', sql`${t.size} > 0 and ${t.size} = octet_length(${t.content})`),
    check('attachments_owner_pair', sql`(${t.ownerType} is null) = (${t.ownerId} is null)`),
  ],
);
