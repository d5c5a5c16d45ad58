import { catalogConstraintFields } from '../modules/catalog/catalog.tables.ts';
import { iamConstraintFields } from '../modules/iam/iam.tables.ts';
import { notificationsConstraintFields } from '../modules/notifications/notifications.tables.ts';
import { offeringsConstraintFields } from '../modules/offerings/offerings.tables.ts';
import { orgConstraintFields } from '../modules/org/org.tables.ts';
import { selectionConstraintFields } from '../modules/selection/selection.tables.ts';
import { examsConstraintFields } from '../modules/exams/exams.tables.ts';
import { incidentsConstraintFields } from '../modules/exams/incidents.tables.ts';
import { papersConstraintFields } from '../modules/exams/papers.tables.ts';
import { checksConstraintFields } from '../modules/selection/checks.tables.ts';
import { timetableConstraintFields } from '../modules/timetable/timetable.tables.ts';
import { workflowConstraintFields } from '../modules/workflow/workflow.tables.ts';
import type { ConstraintFields } from './constraint-fields.ts';

/** Every module's constraint → field map, the one table translateDbError reads. */
export const CONSTRAINT_FIELDS: ConstraintFields = {
  ...orgConstraintFields,
  ...iamConstraintFields,
  ...workflowConstraintFields,
  ...notificationsConstraintFields,
  ...catalogConstraintFields,
  ...offeringsConstraintFields,
  ...timetableConstraintFields,
  ...selectionConstraintFields,
  ...checksConstraintFields,
  ...examsConstraintFields,
  ...incidentsConstraintFields,
  ...papersConstraintFields,
};
