import { ENUM_LABELS, RESOURCE_LABELS, type Locale, type RequestStatus } from '@jiaowu/contracts';
import type { Sheet } from '../../platform/files/spreadsheet-writer.ts';
import { formatDateTime } from '../../platform/time.ts';

const COLUMNS: { key: string; zh: string; en: string }[] = [
  { key: 'termCode', zh: '学期', en: 'Term' },
  { key: 'courseCode', zh: '课程代码', en: 'Course code' },
  { key: 'courseName', zh: '课程名称', en: 'Course name' },
  { key: 'collegeName', zh: '学院', en: 'College' },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'applicantName', zh: '申请人', en: 'Applicant' },
  { key: 'submittedAt', zh: '提交时间', en: 'Submitted' },
  { key: 'teachers', zh: '授课教师', en: 'Teachers' },
  { key: 'capacity', zh: '容量', en: 'Capacity' },
  { key: 'sessions', zh: '周学时', en: 'Weekly sessions' },
  { key: 'note', zh: '备注', en: 'Note' },
];

/** The office's request list as a sheet, in the caller's language and the school's time zone (the writer neutralises formulas). */
export function requestSheet(rows: Record<string, unknown>[], locale: Locale, timeZone: string): Sheet {
  return {
    name: RESOURCE_LABELS.courseRequests[locale],
    headers: COLUMNS.map((c) => (locale === 'en' ? c.en : c.zh)),
    textColumns: [0, 1],
    rows: rows.map((r) =>
      COLUMNS.map(({ key }) => {
        if (key === 'status') return ENUM_LABELS.requestStatus[r.status as RequestStatus]?.[locale] ?? String(r.status);
        if (key === 'submittedAt') return r.submittedAt ? formatDateTime(r.submittedAt as string | Date, timeZone) : null;
        if (key === 'teachers')
          return (r.teachers as { name?: string; share: number }[]).map((t) => `${t.name ?? ''} ${t.share}%`).join('、');
        if (key === 'sessions') return (r.sessions as number[]).join('+');
        return (r[key] as string | number | null) ?? null;
      }),
    ),
  };
}
