import { check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Settings of the school as a whole (one row, id 1; none means the defaults):
 * the time zone every displayed and emailed time is shown in.
 */
export const schoolSettings = pgTable(
  'school_settings',
  {
    id: integer('id').primaryKey(),
    /** IANA name, e.g. Asia/Shanghai (学校所在时区). */
    timeZone: text('time_zone').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('school_settings_single_row', sql`${t.id} = 1`)],
);
