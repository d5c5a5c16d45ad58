import { describe, expect, it } from 'vitest';
import { paperFlags } from './papers.rules.ts';

const facts = {
  paperId: 1,
  status: 'reviewed',
  authorUserId: 7,
  sessionDate: '2027-01-05',
  needed: 30,
  records: [],
  confirmedIds: new Set<number>(),
};

describe('a paper not sealed two days before its exam', () => {
  it('is flagged from the school’s midnight two days before, not from UTC midnight', () => {
    // 2027-01-03 00:30 in Shanghai is still 2 January in UTC.
    const justAfter = paperFlags(facts, new Date('2027-01-02T16:30:00Z'), 'Asia/Shanghai');
    expect(justAfter.map((f) => f.kind)).toContain('not_sealed');
    // 23:30 on 2 January in Shanghai: three days remain.
    const justBefore = paperFlags(facts, new Date('2027-01-02T15:30:00Z'), 'Asia/Shanghai');
    expect(justBefore.map((f) => f.kind)).not.toContain('not_sealed');
  });

  it('names the holder of the paper as the one to act', () => {
    const [flag] = paperFlags(facts, new Date('2027-01-04T02:00:00Z'), 'Asia/Shanghai');
    expect(flag).toMatchObject({ kind: 'not_sealed', responsibleUserId: 7, params: { date: '2027-01-05' } });
  });
});
