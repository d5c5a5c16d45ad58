import { MAKEUP_COLUMNS, type Locale } from '@jiaowu/contracts';
import { renderSheet, writeXlsxBook, type Sheet } from '../../platform/files/spreadsheet-writer.ts';

/** What each column of the candidates file holds, for the template's notes sheet. */
const NOTES: Record<string, Record<Locale, string>> = {
  studentNo: { 'zh-CN': '学生的学号（请按文本输入）', en: "The student's number (enter as text)" },
  courseCode: {
    'zh-CN': '学生在来源学期参加期末考试的课程代码，如 CS101',
    en: 'Code of a course the student sat a final exam in during the source term, e.g. CS101',
  },
  note: { 'zh-CN': '可留空，最多 200 字', en: 'May be blank; at most 200 characters' },
};

/** The empty candidates file with headers in the caller's language; the XLSX one has a notes sheet. */
export async function buildMakeupTemplate(format: 'csv' | 'xlsx', locale: Locale): Promise<{ file: Buffer; filename: string }> {
  const label = (c: (typeof MAKEUP_COLUMNS)[number]) => (locale === 'en' ? c.en : c.zh);
  const data: Sheet = {
    name: locale === 'en' ? 'Make-up candidates' : '补考名单',
    headers: MAKEUP_COLUMNS.map(label),
    rows: [],
    textColumns: [0, 1],
  };
  const filename = locale === 'en' ? `makeup-candidates-template.${format}` : `补考名单导入模板.${format}`;
  if (format === 'csv') return { file: await renderSheet(data, 'csv'), filename };
  const yes = locale === 'en' ? 'Yes' : '是';
  const notes: Sheet = {
    name: locale === 'en' ? 'Notes' : '填写说明',
    headers: locale === 'en' ? ['Column', 'Required', 'Notes'] : ['列名', '必填', '说明'],
    rows: MAKEUP_COLUMNS.map((c) => [label(c), c.required ? yes : '', NOTES[c.key]![locale]]),
  };
  return { file: await writeXlsxBook([data, notes]), filename };
}
