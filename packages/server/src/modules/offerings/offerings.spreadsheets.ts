import { ENUM_LABELS, RESOURCE_LABELS, type Locale, type RequestStatus } from '@jiaowu/contracts';
import type { Sheet } from '../../platform/files/spreadsheet-writer.ts';

/** The school's zone for exported times until it becomes a setting (the browser's zone never applies). */
const SCHOOL_TIME_ZONE = 'Asia/Shanghai';

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

/** `2026-09-07 14:05` in the school's zone. */
function dateTime(v: unknown): string | null {
  if (!v) return null;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: SCHOOL_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(v as string | Date));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The office's request list as a sheet, in the caller's language (the writer neutralises formulas). */
export function requestSheet(rows: Record<string, unknown>[], locale: Locale): Sheet {
  return {
    name: RESOURCE_LABELS.courseRequests[locale],
    headers: COLUMNS.map((c) => (locale === 'en' ? c.en : c.zh)),
    textColumns: [0, 1],
    rows: rows.map((r) =>
      COLUMNS.map(({ key }) => {
        if (key === 'status') return ENUM_LABELS.requestStatus[r.status as RequestStatus]?.[locale] ?? String(r.status);
        if (key === 'submittedAt') return dateTime(r.submittedAt);
        if (key === 'teachers')
          return (r.teachers as { name?: string; share: number }[]).map((t) => `${t.name ?? ''} ${t.share}%`).join('、');
        if (key === 'sessions') return (r.sessions as number[]).join('+');
        return (r[key] as string | number | null) ?? null;
      }),
    ),
  };
}
