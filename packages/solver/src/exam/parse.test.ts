import { describe, expect, it } from 'vitest';
import { parseExamFile, parseExamSol, parseToronto, writeExamSol } from './parse.ts';

const sample = [
  '[Exams:3]',
  '120, 1, 2, 3',
  '60',
  '90, 2, 4',
  '[Periods:3]',
  '15:04:2005, 09:30:00, 120, 0',
  '15:04:2005, 14:00:00, 60, 5',
  '18:04:2005, 09:30:00, 180, 0',
  '[Rooms:2]',
  '100, 0',
  '40, 10',
  '[PeriodHardConstraints]',
  '0, AFTER, 2',
  '1, EXAM_COINCIDENCE, 2',
  '[RoomHardConstraints]',
  '[InstitutionalWeightings]',
  'TWOINAROW, 7',
  'TWOINADAY, 5',
  'PERIODSPREAD, 3',
  'NONMIXEDDURATIONS,10',
  'FRONTLOAD, 2, 1, 5',
];

describe('ITC-2007 .exam parser', () => {
  it('reads CRLF with no newline at the end, an exam without students, an empty section', () => {
    const p = parseExamFile(sample.join('\r\n'));
    expect(p.exams.map((e) => [e.duration, Array.from(e.students)])).toEqual([
      [120, [1, 2, 3]],
      [60, []],
      [90, [2, 4]],
    ]);
    // Days are calendar days: the 18th is three days after the 15th, not "the next day".
    expect(p.periods.map((x) => [x.day, x.start, x.duration, x.penalty])).toEqual([
      [0, 570, 120, 0],
      [0, 840, 60, 5],
      [3, 570, 180, 0],
    ]);
    expect(p.rooms).toEqual([
      { capacity: 100, penalty: 0 },
      { capacity: 40, penalty: 10 },
    ]);
    expect(p.constraints).toEqual({ coincidence: [[1, 2]], exclusion: [], after: [[0, 2]], roomExclusive: [] });
    expect(p.weightings).toEqual({
      twoInARow: 7,
      twoInADay: 5,
      periodSpread: 3,
      nonMixedDurations: 10,
      frontLoad: { count: 2, lastPeriods: 1, weight: 5 },
    });
  });

  it('LF with a trailing newline parses the same', () => {
    expect(parseExamFile(sample.join('\n') + '\n')).toEqual(parseExamFile(sample.join('\r\n')));
  });

  it('.sol round trip', () => {
    const p = parseExamFile(sample.join('\n'));
    const sol = parseExamSol(p, '2, 0\r\n0, 1\r\n0, 0\r\n');
    expect(sol[0]).toEqual({ period: 2, rooms: [{ room: 0, count: 3 }] });
    expect(writeExamSol(sol)).toBe('2, 0\r\n0, 1\r\n0, 0\r\n');
  });
});

describe('Toronto parser', () => {
  it('skips empty student lines and maps 1-based exam ids', () => {
    const p = parseToronto('0001 2\n0002 1\n0003 1\n', '1 2 \n\n1 3 \n', 5);
    expect(p.exams.map((e) => Array.from(e.students))).toEqual([[0, 1], [0], [1]]);
    expect(p.periods).toHaveLength(5);
    expect(p.rooms).toEqual([]);
  });
});
