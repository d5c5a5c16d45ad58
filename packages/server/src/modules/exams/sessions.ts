/** The sessions 场次 of an exam period: each exam day (weekends only when asked) × the day's sessions. */

export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const fromMinutes = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Days from `start` to `end` (YYYY-MM-DD, both included), as calendar dates: no time zone involved. */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  const d = new Date(`${start}T00:00:00Z`);
  const last = new Date(`${end}T00:00:00Z`);
  while (d <= last && out.length < 120) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

export const isWeekend = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

export function planSessions(p: {
  startDate: string;
  endDate: string;
  includeWeekends: boolean;
  excludedDates?: string[];
  dailySessions: { start: string; end: string }[];
}): { date: string; startMin: number; endMin: number }[] {
  return datesBetween(p.startDate, p.endDate)
    .filter((d) => (p.includeWeekends || !isWeekend(d)) && !p.excludedDates?.includes(d))
    .flatMap((date) => p.dailySessions.map((s) => ({ date, startMin: toMinutes(s.start), endMin: toMinutes(s.end) })));
}
