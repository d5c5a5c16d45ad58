import { GRADE_IMPORT_COLUMNS, type Locale } from '@jiaowu/contracts';
import { renderSheet, writeXlsxBook, type Sheet } from '../../platform/files/spreadsheet-writer.ts';

/** What each column of the historical grades file holds, for the template's notes sheet. */
const NOTES: Record<string, Record<Locale, string>> = {
  studentNo: { 'zh-CN': '学生的学号（请按文本输入）', en: "The student's number (enter as text)" },
  termCode: {
    'zh-CN': '学期代码，如 2024-2025-1（第一学期）、2024-2025-2（第二学期）',
    en: 'Term code, e.g. 2024-2025-1 (autumn) or 2024-2025-2 (spring)',
  },
  courseCode: { 'zh-CN': '课程代码，如 CS101', en: 'Course code, e.g. CS101' },
  grade: {
    'zh-CN': '原系统记载的成绩：85、85.5、优/良/中/及格/不及格、合格/不合格、缺考、作弊等',
    en: 'The grade as the old system wrote it: 85, 85.5, a five-level or pass/fail word, or a mark such as 缺考 (absent)',
  },
  attempt: { 'zh-CN': '正常、补考 或 重修；留空为正常', en: 'Normal (正常), make-up (补考) or retake (重修); blank means normal' },
  credits: { 'zh-CN': '学分，如 3 或 2.5', en: 'Credits, e.g. 3 or 2.5' },
  courseName: {
    'zh-CN': '可留空；课程库中没有该课程且勾选“创建缺失课程”时用作新课程名称',
    en: 'May be blank; names the course when it is missing from the catalog and “create missing courses” is ticked',
  },
};

/** The empty historical grades file with headers in the caller's language; the XLSX one has a notes sheet. */
export async function buildGradeImportTemplate(format: 'csv' | 'xlsx', locale: Locale): Promise<{ file: Buffer; filename: string }> {
  const label = (c: (typeof GRADE_IMPORT_COLUMNS)[number]) => (locale === 'en' ? c.en : c.zh);
  const data: Sheet = {
    name: locale === 'en' ? 'Historical grades' : '历史成绩',
    headers: GRADE_IMPORT_COLUMNS.map(label),
    rows: [],
    textColumns: [0, 1, 2, 3, 4, 5, 6],
  };
  const filename = locale === 'en' ? `historical-grades-template.${format}` : `历史成绩导入模板.${format}`;
  if (format === 'csv') return { file: await renderSheet(data, 'csv'), filename };
  const yes = locale === 'en' ? 'Yes' : '是';
  const notes: Sheet = {
    name: locale === 'en' ? 'Notes' : '填写说明',
    headers: locale === 'en' ? ['Column', 'Required', 'Notes'] : ['列名', '必填', '说明'],
    rows: GRADE_IMPORT_COLUMNS.map((c) => [label(c), c.required ? yes : '', NOTES[c.key]![locale]]),
  };
  return { file: await writeXlsxBook([data, notes]), filename };
}
