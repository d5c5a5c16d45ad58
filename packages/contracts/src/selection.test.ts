import { describe, expect, it } from 'vitest';
import { roundInput, roundUpdate } from './selection.ts';

const base = {
  termId: 1,
  name: '2025-2026-1 正选',
  mode: 'first_come',
  opensAt: '2026-09-01T08:00:00+08:00',
  closesAt: '2026-09-05T17:00:00+08:00',
};
const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('round input', () => {
  it('takes a round with the usual defaults', () => {
    const r = roundInput.parse(base);
    expect(r).toMatchObject({ staggered: [], scope: null, dropsAllowed: true, seatRelease: { mode: 'immediate' }, maxClasses: null });
  });
  it('refuses a window that closes before it opens, and instants finer than a second', () => {
    expect(paths(roundInput.safeParse({ ...base, closesAt: base.opensAt }))).toEqual(['closesAt']);
    expect(paths(roundInput.safeParse({ ...base, opensAt: '2026-09-01T08:00:00.500+08:00' }))).toEqual(['opensAt']);
    expect(paths(roundInput.safeParse({ ...base, opensAt: '2026-09-01T08:00:00' }))).toEqual(['opensAt']);
  });
  it('refuses insane limits: minimum above maximum, a cohort in two staggered openings, a pilot without colleges', () => {
    expect(paths(roundInput.safeParse({ ...base, creditLimits: { minCredits: 30, maxCredits: 25 } }))).toEqual(['creditLimits.minCredits']);
    expect(paths(roundInput.safeParse({ ...base, creditLimits: { minCredits: 10, maxCredits: 25.25 } }))).toEqual([
      'creditLimits.maxCredits',
    ]);
    const staggered = [
      { cohorts: [2022], opensAt: '2026-09-01T07:00:00+08:00' },
      { cohorts: [2022, 2023], opensAt: '2026-09-01T09:00:00+08:00' },
    ];
    expect(paths(roundInput.safeParse({ ...base, staggered }))).toEqual(['staggered.1.cohorts']);
    expect(paths(roundInput.safeParse({ ...base, isPilot: true }))).toEqual(['scope.collegeIds']);
  });
  it('an update changes only what it names (no defaults filled in)', () => {
    expect(roundUpdate.parse({ version: 3, name: '补退选' })).toEqual({ version: 3, name: '补退选' });
    expect(paths(roundUpdate.safeParse({ version: 3, opensAt: base.closesAt, closesAt: base.opensAt }))).toEqual(['closesAt']);
  });
});
