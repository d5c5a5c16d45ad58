import { SCORE_MAX_TENTHS, type FiveLevel, type GradeEntry, type GradeScale, type SpecialMark, type TwoLevel } from '../index.ts';
import type { Issue } from './issue.ts';

/** What a teacher may type for each mark, lower-cased (the school's words and their English). */
const MARK_WORDS: Record<string, SpecialMark> = {
  缺考: 'absent',
  absent: 'absent',
  缓考: 'deferred',
  deferred: 'deferred',
  作弊: 'cheating',
  cheating: 'cheating',
  违纪: 'misconduct',
  misconduct: 'misconduct',
  免修: 'exempt',
  exempt: 'exempt',
  取消考试资格: 'barred',
  取消资格: 'barred',
  barred: 'barred',
};

const FIVE_LEVEL_WORDS: Record<string, FiveLevel> = {
  优: 'excellent',
  优秀: 'excellent',
  excellent: 'excellent',
  良: 'good',
  良好: 'good',
  good: 'good',
  中: 'fair',
  中等: 'fair',
  fair: 'fair',
  及格: 'pass',
  pass: 'pass',
  不及格: 'fail',
  fail: 'fail',
};

const TWO_LEVEL_WORDS: Record<string, TwoLevel> = {
  合格: 'pass',
  通过: 'pass',
  pass: 'pass',
  不合格: 'fail',
  不通过: 'fail',
  fail: 'fail',
};

export type ParseResult = { ok: true; entry: GradeEntry | null } | { ok: false; issue: Issue };

/**
 * Full-width digits and dots (what an IME or a pasted Word table gives) become ASCII, and the
 * spaces and non-breaking spaces around a pasted cell go.
 */
function normalize(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/[\s\u00A0\u3000]+/g, ' ')
    .trim();
}

/**
 * What a teacher typed or pasted into one cell, for a class graded on `scale`. Empty means no
 * grade yet (`entry: null`). A score has at most one decimal; trailing zeros are the same value
 * ("85.50" is 85.5, as a spreadsheet may paste it).
 */
export function parseGradeInput(raw: string, scale: GradeScale): ParseResult {
  const input = normalize(raw);
  if (input === '') return { ok: true, entry: null };
  const word = input.toLowerCase();
  const fail = (code: Issue['code'], params: Issue['params'] = {}): ParseResult => ({
    ok: false,
    issue: { code, params: { input, ...params } },
  });

  const mark = MARK_WORDS[word];
  if (mark) return { ok: true, entry: { kind: 'mark', mark } };

  const number = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(input);
  if (number) {
    if (scale !== 'percent') return fail('grade_not_in_scale', { scale });
    const [, sign, whole, decimals = ''] = number;
    const significant = decimals.replace(/0+$/, '');
    if (significant.length > 1) return fail('grade_too_many_decimals');
    const tenths = Number(whole) * 10 + Number(significant || '0');
    if (sign === '-' && tenths > 0) return fail('grade_out_of_range', { min: 0, max: 100 });
    if (tenths > SCORE_MAX_TENTHS) return fail('grade_out_of_range', { min: 0, max: 100 });
    return { ok: true, entry: { kind: 'score', tenths } };
  }

  const five = FIVE_LEVEL_WORDS[word];
  const two = TWO_LEVEL_WORDS[word];
  if (scale === 'five_level' && five) return { ok: true, entry: { kind: 'five_level', level: five } };
  if (scale === 'two_level' && two) return { ok: true, entry: { kind: 'two_level', level: two } };
  if (five || two) return fail('grade_not_in_scale', { scale });
  return fail('grade_unrecognized');
}

/** A score in tenths as people write it: 855 → "85.5", 850 → "85". */
export function formatTenths(tenths: number): string {
  return tenths % 10 === 0 ? String(tenths / 10) : `${Math.trunc(tenths / 10)}.${tenths % 10}`;
}
