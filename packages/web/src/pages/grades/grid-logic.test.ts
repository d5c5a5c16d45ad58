import { describe, expect, it } from 'vitest';
import type { GradeSheetRow, GradingScheme } from '@jiaowu/contracts';
import { cellsOf, editableColumns, evaluateRow, parseClipboard, pasteTargets, saveRows, summarize } from './grid-logic.ts';

const weighted: GradingScheme = {
  scale: 'percent',
  components: [
    { component: 'regular', weight: 30 },
    { component: 'final', weight: 70 },
  ],
  rounding: 'integer',
  missingComponentAsZero: false,
};
const levels: GradingScheme = { scale: 'five_level', components: [], rounding: 'integer', missingComponentAsZero: false };
const free = { fixedMark: null };

describe('the grade grid', () => {
  it('has a column per component and a mark column, or one grade column for levels', () => {
    expect(editableColumns(weighted)).toEqual(['regular', 'final', 'mark']);
    expect(editableColumns(levels)).toEqual(['entry', 'mark']);
  });

  it('computes the total as the server does: 30% of 85.5 + 70% of 90 = 88.65 → 89 (half up)', () => {
    const s = evaluateRow({ regular: '85.5', final: '９０' }, free, weighted);
    expect(s.total).toEqual({ kind: 'score', tenths: 890 });
    expect(s.errors).toEqual({});
  });

  it('shows no total while a component is missing, and says which', () => {
    const s = evaluateRow({ regular: '80' }, free, weighted);
    expect(s.total).toBeNull();
    expect(s.note).toEqual({ code: 'grade_component_missing', params: { component: 'final' } });
  });

  it('reads levels and marks typed in Chinese; a mark beats the components', () => {
    expect(evaluateRow({ entry: '优' }, free, levels).total).toEqual({ kind: 'five_level', level: 'excellent' });
    expect(evaluateRow({ regular: '80', final: '70', mark: '缺考' }, free, weighted).total).toEqual({ kind: 'mark', mark: 'absent' });
  });

  it('names what is wrong with a cell', () => {
    expect(evaluateRow({ regular: '101', final: '80' }, free, weighted).errors.regular?.code).toBe('grade_out_of_range');
    expect(evaluateRow({ regular: '缺考', final: '80' }, free, weighted).errors.regular?.code).toBe('grade_component_not_score');
    expect(evaluateRow({ entry: '85' }, free, levels).errors.entry?.code).toBe('grade_not_in_scale');
    expect(evaluateRow({ mark: '优' }, free, weighted).errors.mark?.code).toBeDefined();
  });

  it('keeps a fixed mark from the exams module whatever is typed', () => {
    expect(evaluateRow({ regular: '90', final: '90' }, { fixedMark: 'cheating' }, weighted).total).toEqual({
      kind: 'mark',
      mark: 'cheating',
    });
  });

  it('turns a block copied from Excel into cells, down and across from the focused cell, skipping locked rows', () => {
    const block = parseClipboard('80\t90\r\n70\t60\r\n55\t65\r\n');
    expect(block).toEqual([
      ['80', '90'],
      ['70', '60'],
      ['55', '65'],
    ]);
    const targets = pasteTargets(block, { row: 1, col: 1 }, { rows: 4, cols: 3 }, (r) => r === 2);
    expect(targets).toEqual([
      { row: 1, col: 1, value: '80' },
      { row: 1, col: 2, value: '90' },
      { row: 3, col: 1, value: '55' },
      { row: 3, col: 2, value: '65' },
    ]);
  });

  it('sends only the rows that read cleanly, as typed', () => {
    const rows = [
      { studentId: 1, cells: { regular: '80', final: '90' } },
      { studentId: 2, cells: { regular: 'abc', final: '90' } },
      { studentId: 3, cells: { mark: '缺考' } },
    ].map((r) => ({ ...r, state: evaluateRow(r.cells, free, weighted) }));
    expect(saveRows(rows, weighted)).toEqual([
      { studentId: 1, entry: null, components: { regular: '80', final: '90' } },
      { studentId: 3, entry: '缺考', components: { regular: null, final: null } },
    ]);
  });

  const stored = (patch: Partial<GradeSheetRow>): GradeSheetRow => ({
    studentId: 1,
    studentCode: 'S1',
    studentName: '张三',
    adminClassName: null,
    entry: null,
    components: {},
    total: null,
    fixedMark: null,
    isRetake: false,
    recordVersion: 1,
    recordId: null,
    ...patch,
  });

  it('reads back what the server stored', () => {
    const row = stored({ components: { regular: 855, final: null } });
    expect(cellsOf(row, weighted)).toEqual({ regular: '85.5', final: '' });
    expect(cellsOf(stored({ entry: { kind: 'mark', mark: 'absent' } }), levels)).toEqual({ mark: '缺考', entry: '' });
  });

  it('summarizes the class live: distribution, missing, warnings', () => {
    const states = ['95', '85', '59', '', '72'].map((v) => evaluateRow({ entry: v }, free, { ...levels, scale: 'percent' }));
    const s = summarize(states);
    expect(s.distribution.count).toBe(4);
    expect(s.distribution.histogram[9]).toBe(1);
    expect(s.missing).toBe(1);
    expect(s.warnings[0]).toEqual({ code: 'grade_missing', params: { count: 1 } });
  });
});
