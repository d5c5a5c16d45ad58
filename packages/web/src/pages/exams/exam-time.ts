import type { ExamRef } from '@jiaowu/contracts';

const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** "2026-12-20 09:00–11:00", or null while the exam has no session. */
export function examTime(e: Pick<ExamRef, 'date' | 'startMin' | 'endMin'>): string | null {
  if (e.date === null || e.startMin === null || e.endMin === null) return null;
  return `${e.date} ${hhmm(e.startMin)}–${hhmm(e.endMin)}`;
}

/** Clock minutes as HH:MM. */
export const clockOf = hhmm;
