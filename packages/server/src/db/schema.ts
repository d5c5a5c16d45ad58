// Every table of every module, for Drizzle's relational queries and drizzle-kit.
export * from '../platform/audit/audit.tables.ts';
export * from '../platform/jobs.tables.ts';
export * from '../modules/org/org.tables.ts';
export * from '../modules/org/school-settings.tables.ts';
export * from '../modules/iam/iam.tables.ts';
export * from '../modules/workflow/workflow.tables.ts';
export * from '../modules/notifications/notifications.tables.ts';
export * from '../modules/catalog/catalog.tables.ts';
export * from '../modules/offerings/offerings.tables.ts';
export * from '../modules/timetable/timetable.tables.ts';
export * from '../modules/selection/selection.tables.ts';
export * from '../modules/selection/checks.tables.ts';
export * from '../modules/exams/exams.tables.ts';
export * from '../modules/exams/incidents.tables.ts';
export * from '../modules/exams/papers.tables.ts';
export * from '../platform/files/attachments.tables.ts';
export * from '../modules/grades/grades.tables.ts';
