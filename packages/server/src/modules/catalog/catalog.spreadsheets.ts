import {
  COURSE_IMPORT_COLUMNS,
  ENUM_LABELS,
  IMPORT_MAX_ERRORS,
  PLAN_IMPORT_COLUMNS,
  RESOURCE_LABELS,
  type FieldSpec,
  type ImportError,
  type ImportResult,
  type Locale,
  type PrerequisiteExpr,
} from '@jiaowu/contracts';
import { scopeCovers, type DataScope } from '../../platform/access.ts';
import type { Exporter } from '../../platform/crud/resource.export.ts';
import { formatCell, type ColumnSpec } from '../org/org.spreadsheets.ts';
import { catalogImportMessage } from './catalog.import-messages.ts';
import { formatPrerequisites } from './prerequisites.ts';

// Spreadsheet layouts of the catalog: the import columns are also the export
// columns, so an export can be edited and imported back.

const COURSE_FIELDS: Record<string, FieldSpec> = {
  credits: { key: 'credits', kind: 'text' },
  lectureHours: { key: 'lectureHours', kind: 'number' },
  labHours: { key: 'labHours', kind: 'number' },
  practiceHours: { key: 'practiceHours', kind: 'number' },
  assessment: { key: 'assessment', kind: 'enum', enum: 'assessmentType' },
  category: { key: 'category', kind: 'enum', enum: 'courseCategory' },
  isActive: { key: 'isActive', kind: 'bool' },
};
const PLAN_FIELDS: Record<string, FieldSpec> = {
  cohort: { key: 'cohort', kind: 'number' },
  groupKind: { key: 'groupKind', kind: 'enum', enum: 'planGroupKind' },
  term: { key: 'term', kind: 'number' },
};

export const COURSE_COLUMN_SPECS: ColumnSpec[] = COURSE_IMPORT_COLUMNS.map((c) => ({
  ...c,
  field: COURSE_FIELDS[c.key],
  isRef: c.key === 'departmentCode',
}));
export const PLAN_COLUMN_SPECS: ColumnSpec[] = PLAN_IMPORT_COLUMNS.map((c) => ({
  ...c,
  field: PLAN_FIELDS[c.key],
  isRef: c.key === 'majorCode' || c.key === 'courseCode',
}));

const header = (s: ColumnSpec, locale: Locale) => (locale === 'en' ? s.en : s.zh);

/** Course list rows → the import layout (department by code, prerequisites as text). */
export const courseExporter: Exporter = (rows, locale) => ({
  name: RESOURCE_LABELS.courses[locale],
  headers: COURSE_COLUMN_SPECS.map((s) => header(s, locale)),
  textColumns: [0, 8],
  rows: rows.map((row) =>
    COURSE_COLUMN_SPECS.map((s) => {
      if (s.key === 'departmentCode') return row.departmentCode as string;
      if (s.key === 'prerequisites') return formatPrerequisites(row.prerequisites as PrerequisiteExpr | null);
      if (s.key === 'credits') return row.credits as string;
      return formatCell(s, row[s.key], locale);
    }),
  ),
});

export function planSheet(rows: Record<string, unknown>[], locale: Locale) {
  return {
    name: RESOURCE_LABELS.curriculumPlans[locale],
    headers: PLAN_COLUMN_SPECS.map((s) => header(s, locale)),
    textColumns: [0, 5],
    rows: rows.map((row) =>
      PLAN_COLUMN_SPECS.map((s) => {
        if (s.key === 'groupKind') return ENUM_LABELS.planGroupKind[row.groupKind as 'required']?.[locale] ?? String(row.groupKind);
        return (row[s.key] as string | number | null) ?? null;
      }),
    ),
  };
}

/** An empty import file with the header row and one example row, in the caller's language. */
export function catalogTemplate(kind: 'courses' | 'plans', locale: Locale) {
  const specs = kind === 'courses' ? COURSE_COLUMN_SPECS : PLAN_COLUMN_SPECS;
  const zh = locale !== 'en';
  const example =
    kind === 'courses'
      ? [
          'CS201',
          '数据结构',
          'Data Structures',
          '4',
          '48',
          '32',
          '0',
          zh ? '考试' : 'Exam',
          '0101',
          zh ? '专业核心课' : 'Major core',
          'CS101 & (MA101 | MA104)',
          zh ? '是' : 'Yes',
        ]
      : ['080901', '2026', zh ? '专业核心课程' : 'Major core', zh ? '必修' : 'Required', '', 'CS201', '3'];
  return {
    name: RESOURCE_LABELS[kind === 'courses' ? 'courses' : 'curriculumPlans'][locale],
    headers: specs.map((s) => header(s, locale)),
    textColumns: kind === 'courses' ? [0, 8] : [0, 5],
    rows: [example],
  };
}

/** A catalog import's report, and every bad row's messages (the rows-to-fix file). */
export interface CatalogImportOutcome {
  result: ImportResult;
  rowMessages: ReadonlyMap<number, string[]>;
}

/**
 * Collects row errors the way the org imports do: every one counted, at most
 * IMPORT_MAX_ERRORS listed, each worded by the column it is about; and every
 * bad row's messages, for the rows-to-fix file.
 */
export function errorCollector(specs: ColumnSpec[], headerOf: (key: string) => string, locale: Locale) {
  const specOf = new Map(specs.map((s) => [s.key, s]));
  const errors: ImportError[] = [];
  const rowMessages = new Map<number, string[]>();
  let count = 0;
  return {
    /** An error of the cell in column `key` (a column spec's key) of `row`. */
    add(row: number, key: string, code: string, params: Record<string, unknown> = {}) {
      const message = catalogImportMessage(specOf.get(key), code, params, locale);
      rowMessages.set(row, [...(rowMessages.get(row) ?? []), message]);
      count++;
      if (errors.length < IMPORT_MAX_ERRORS) errors.push({ row, column: headerOf(key), code, message });
    },
    isInvalid: (row: number) => rowMessages.has(row),
    rowMessages,
    report(rows: number) {
      errors.sort((a, b) => a.row - b.row);
      return { rows, valid: rows - rowMessages.size, errors, errorCount: count, truncated: count > errors.length };
    },
  };
}

/** Whether a scoped manager may write a row of this college/department. */
export function inScope(scope: DataScope, anchor: { collegeId: number; departmentId: number }) {
  return scopeCovers(scope, anchor);
}
