import { describe, expect, it } from 'vitest';
import { gradeIssueText } from '../index.ts';
import { formatTenths, parseGradeInput } from './parse-entry.ts';

/** What a teacher types or pastes into a cell of the grade grid. */
describe('parseGradeInput', () => {
  it('reads scores with at most one decimal, spaces and full-width digits included', () => {
    expect(parseGradeInput('85', 'percent')).toEqual({ ok: true, entry: { kind: 'score', tenths: 850 } });
    expect(parseGradeInput(' 85.5 ', 'percent')).toEqual({ ok: true, entry: { kind: 'score', tenths: 855 } });
    expect(parseGradeInput('８５．５', 'percent')).toEqual({ ok: true, entry: { kind: 'score', tenths: 855 } });
    expect(parseGradeInput('85.50', 'percent')).toEqual({ ok: true, entry: { kind: 'score', tenths: 855 } });
    expect(parseGradeInput('100', 'percent')).toEqual({ ok: true, entry: { kind: 'score', tenths: 1000 } });
    expect(parseGradeInput('0', 'percent')).toEqual({ ok: true, entry: { kind: 'score', tenths: 0 } });
    expect(parseGradeInput('  ', 'percent')).toEqual({ ok: true, entry: null });
  });

  it('names the problem: out of range, two decimals, a level where a score belongs, gibberish', () => {
    const code = (raw: string, scale: 'percent' | 'five_level' | 'two_level' = 'percent') => {
      const r = parseGradeInput(raw, scale);
      return r.ok ? null : r.issue.code;
    };
    expect(code('100.5')).toBe('grade_out_of_range');
    expect(code('101')).toBe('grade_out_of_range');
    expect(code('-5')).toBe('grade_out_of_range');
    expect(code('85.55')).toBe('grade_too_many_decimals');
    expect(code('优')).toBe('grade_not_in_scale');
    expect(code('85', 'five_level')).toBe('grade_not_in_scale');
    expect(code('合格', 'five_level')).toBe('grade_not_in_scale');
    expect(code('A', 'five_level')).toBe('grade_unrecognized');
    expect(code('8５a')).toBe('grade_unrecognized');
  });

  it('reads the school’s level words and their English names, in any case', () => {
    const level = (raw: string, scale: 'five_level' | 'two_level') => {
      const r = parseGradeInput(raw, scale);
      return r.ok && r.entry && r.entry.kind !== 'score' && r.entry.kind !== 'mark' ? r.entry.level : null;
    };
    expect(['优', '良', '中', '及格', '不及格'].map((w) => level(w, 'five_level'))).toEqual(['excellent', 'good', 'fair', 'pass', 'fail']);
    expect(['Excellent', 'GOOD', 'fair', 'Pass', 'fail'].map((w) => level(w, 'five_level'))).toEqual([
      'excellent',
      'good',
      'fair',
      'pass',
      'fail',
    ]);
    expect(['合格', '不合格', 'Pass', 'Fail'].map((w) => level(w, 'two_level'))).toEqual(['pass', 'fail', 'pass', 'fail']);
  });

  it('reads the special marks on every scale', () => {
    const marks = ['缺考', '缓考', '作弊', '违纪', '免修', '取消考试资格', 'Absent'];
    for (const scale of ['percent', 'five_level', 'two_level'] as const) {
      expect(marks.map((m) => parseGradeInput(m, scale))).toEqual(
        ['absent', 'deferred', 'cheating', 'misconduct', 'exempt', 'barred', 'absent'].map((mark) => ({
          ok: true,
          entry: { kind: 'mark', mark },
        })),
      );
    }
  });

  it('gives the teacher a sentence in their language, with the scale’s name and not its code', () => {
    const r = parseGradeInput('优', 'percent');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(gradeIssueText(r.issue, 'zh-CN')).toBe('“优”不属于本课程的记分方式（百分制）');
    expect(gradeIssueText(r.issue, 'en')).toBe('“优” does not belong to this course’s grading scale (Percentage scale)');
    const range = parseGradeInput('101', 'percent');
    if (!range.ok) expect(gradeIssueText(range.issue, 'zh-CN')).toBe('“101”超出范围：分数应在 0 到 100 之间');
  });

  it('writes tenths back as people write scores', () => {
    expect([855, 850, 0, 1000, 5].map(formatTenths)).toEqual(['85.5', '85', '0', '100', '0.5']);
  });
});
