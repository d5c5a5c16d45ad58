import { describe, expect, it } from 'vitest';
import { blocksOfCells, cellsOfBlocks, settingsIssues, type TeacherBlockKind } from './timetable-settings.ts';
import { timetableSettingsInput } from './timetable.ts';

const grid = { daysPerWeek: 5, periodsPerDay: 12, weeks: 16 };
const base = timetableSettingsInput.parse({
  weights: {},
  blockedSlots: [],
  campusTravel: [],
  teacherMaxPeriodsPerDay: null,
  eveningFromPeriod: null,
  changeRules: {},
});

describe('teacher preference cells', () => {
  it('a grid of clicks becomes runs of one kind per day, and back', () => {
    const cells = new Map<string, TeacherBlockKind>([
      ['1:1', 'never'],
      ['1:2', 'never'],
      ['1:3', 'avoid'],
      ['1:5', 'never'],
      ['3:12', 'prefer'],
    ]);
    const blocks = blocksOfCells(cells, 5, 12);
    expect(blocks).toEqual([
      { kind: 'never', day: 1, fromPeriod: 1, toPeriod: 2 },
      { kind: 'avoid', day: 1, fromPeriod: 3, toPeriod: 3 },
      { kind: 'never', day: 1, fromPeriod: 5, toPeriod: 5 },
      { kind: 'prefer', day: 3, fromPeriod: 12, toPeriod: 12 },
    ]);
    expect(cellsOfBlocks(blocks)).toEqual(cells);
  });

  it('cells beyond the grid are dropped', () => {
    expect(blocksOfCells(new Map([['6:1', 'never']]), 5, 12)).toEqual([]);
  });
});

describe('settings checks', () => {
  it('names the row of a blocked slot that runs backwards or leaves the grid', () => {
    const issues = settingsIssues(
      {
        ...base,
        blockedSlots: [
          { day: 3, fromPeriod: 5, toPeriod: 8, appliesTo: { kind: 'all' }, reasonZh: '政治学习', reasonEn: '' },
          { day: 3, fromPeriod: 6, toPeriod: 4, appliesTo: { kind: 'all' }, reasonZh: 'x', reasonEn: '' },
          { day: 6, fromPeriod: 1, toPeriod: 13, weeks: [17], appliesTo: { kind: 'all' }, reasonZh: 'x', reasonEn: '' },
        ],
      },
      grid,
    );
    expect(issues).toEqual([
      { field: 'blockedSlots.1.toPeriod', code: 'tt_blocked_period_range', params: { row: 2 } },
      { field: 'blockedSlots.2.day', code: 'tt_blocked_day', params: { row: 3, max: 5 } },
      { field: 'blockedSlots.2.toPeriod', code: 'tt_blocked_period_max', params: { row: 3, max: 12 } },
      { field: 'blockedSlots.2.weeks', code: 'tt_blocked_weeks', params: { row: 3, week: 17, max: 16 } },
    ]);
  });

  it('a campus pair given twice (in either order) is named with the first row', () => {
    const issues = settingsIssues(
      {
        ...base,
        campusTravel: [
          { campusA: 1, campusB: 2, minutes: 30 },
          { campusA: 2, campusB: 1, minutes: 40 },
        ],
      },
      grid,
    );
    expect(issues).toEqual([{ field: 'campusTravel.1.campusB', code: 'tt_travel_duplicate', params: { row: 2, other: 1 } }]);
  });

  it('accepts the defaults', () => {
    expect(settingsIssues(base, grid)).toEqual([]);
  });
});
