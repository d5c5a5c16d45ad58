/** A typical Chinese university day: 45-minute periods, 10-minute breaks, lunch and dinner gaps. */
export function defaultPeriods(count: number): { period: number; startsAt: string; endsAt: string }[] {
  const starts: Record<number, number> = { 1: 8 * 60, 5: 14 * 60, 9: 19 * 60 };
  const out = [];
  let t = 8 * 60;
  for (let p = 1; p <= count; p++) {
    if (starts[p] !== undefined) t = starts[p];
    const fmt = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    out.push({ period: p, startsAt: fmt(t), endsAt: fmt(t + 45) });
    t += 55;
  }
  return out;
}
