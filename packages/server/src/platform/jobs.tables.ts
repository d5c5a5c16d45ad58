import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** Long work (imports, exports, solver runs) with progress the UI can poll. */
export const jobs = pgTable('jobs', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull(),
  status: text('status').notNull().default('queued'), // queued | running | succeeded | failed
  progress: integer('progress').notNull().default(0),
  total: integer('total').notNull().default(0),
  result: jsonb('result'),
  error: jsonb('error'),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
