import type { Locale } from '@jiaowu/contracts';
import { writeXlsx } from '../../platform/files/spreadsheet-writer.ts';
import type { HandoutRow } from './iam.tables.ts';

const HEADERS: Record<Locale, string[]> = {
  'zh-CN': ['学号/工号', '姓名', '班级/学院', '初始密码'],
  en: ['Student/staff no.', 'Name', 'Class/college', 'Initial password'],
};
const FROM_ID: Record<Locale, string> = { 'zh-CN': '身份证号后六位', en: 'Last six characters of the ID number' };

/** The handout list as XLSX in the reader's language (学号/工号, 姓名, 班级/学院, 初始密码). */
export function handoutXlsx(rows: HandoutRow[], locale: Locale): Promise<Buffer> {
  return writeXlsx({
    name: locale === 'en' ? 'Initial passwords' : '初始密码',
    headers: HEADERS[locale],
    rows: rows.map((r) => [r.code, r.name, r.group, r.password ?? FROM_ID[locale]]),
    textColumns: [0, 3],
  });
}
