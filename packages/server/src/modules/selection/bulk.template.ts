import { BULK_COLUMNS, type Locale } from '@jiaowu/contracts';
import { renderSheet, writeXlsxBook, type Sheet } from '../../platform/files/spreadsheet-writer.ts';

/** What each column of the bulk file holds, for the template's notes sheet. */
const NOTES: Record<string, Record<Locale, string>> = {
  studentNo: { 'zh-CN': '学生的学号', en: "The student's number" },
  classCode: { 'zh-CN': '本学期教学班代码，如 CS201-01', en: 'Code of a teaching class of this term, e.g. CS201-01' },
  action: { 'zh-CN': '选课 或 退课', en: 'enrol or drop' },
  reason: { 'zh-CN': '代选/代退的原因，记入操作日志', en: 'Why the office acts; recorded in the audit log' },
  override: {
    'zh-CN': '是 / 否（留空为“否”）：选课时忽略选课规则，但不会超过容量',
    en: 'Yes / No (blank: No): enrol despite the selection rules, never beyond capacity',
  },
};

/** The empty bulk file with headers in the caller's language; the XLSX one has a notes sheet. */
export async function buildBulkTemplate(format: 'csv' | 'xlsx', locale: Locale): Promise<{ file: Buffer; filename: string }> {
  const label = (c: (typeof BULK_COLUMNS)[number]) => (locale === 'en' ? c.en : c.zh);
  const data: Sheet = {
    name: locale === 'en' ? 'Bulk enrol-drop' : '批量选课退课',
    headers: BULK_COLUMNS.map(label),
    rows: [],
    textColumns: [0, 1],
  };
  const filename = locale === 'en' ? `bulk-enrol-drop-template.${format}` : `批量选课退课模板.${format}`;
  if (format === 'csv') return { file: await renderSheet(data, 'csv'), filename };
  const yes = locale === 'en' ? 'Yes' : '是';
  const notes: Sheet = {
    name: locale === 'en' ? 'Notes' : '填写说明',
    headers: locale === 'en' ? ['Column', 'Required', 'Notes'] : ['列名', '必填', '说明'],
    rows: BULK_COLUMNS.map((c) => [label(c), c.required ? yes : '', NOTES[c.key][locale]]),
  };
  return { file: await writeXlsxBook([data, notes]), filename };
}
