import { describe, expect, it } from 'vitest';
import { catalogImportMessage } from './catalog.import-messages.ts';
import { COURSE_COLUMN_SPECS, PLAN_COLUMN_SPECS } from './catalog.spreadsheets.ts';

const course = (key: string) => COURSE_COLUMN_SPECS.find((s) => s.key === key)!;
const plan = (key: string) => PLAN_COLUMN_SPECS.find((s) => s.key === key)!;

describe('catalog import messages', () => {
  it('say a whole range whichever bound the cell broke', () => {
    for (const code of ['too_big', 'too_small', 'invalid_type']) {
      expect(catalogImportMessage(plan('term'), code, { maximum: 8 }, 'zh-CN')).toBe('建议学期应为 1 到 8 之间的整数，如 3');
    }
    expect(catalogImportMessage(plan('minCredits'), 'credits_format', {}, 'en')).toBe(
      'Minimum credits must be a number from 0 to 30 with at most one decimal, e.g. 3 or 2.5',
    );
    expect(catalogImportMessage(course('practiceHours'), 'too_big', { maximum: 1000 }, 'en')).toBe(
      'Practice hours must be a whole number from 0 to 1000, e.g. 32',
    );
  });

  it('word the prerequisite rules, never a character count for a list of courses', () => {
    expect(catalogImportMessage(course('prerequisites'), 'too_big', { maximum: 30 }, 'zh-CN')).toBe(
      '先修课程的每组括号内最多列出 30 门课程',
    );
    expect(catalogImportMessage(course('prerequisites'), 'invalid', {}, 'zh-CN')).toMatch(/^先修课程应为课程代码，& 表示并且/);
    expect(catalogImportMessage(course('prerequisites'), 'prerequisite_cycle', { path: 'A → B → A' }, 'en')).toBe(
      'Prerequisites form a cycle (A → B → A): remove one of these requirements',
    );
  });

  it('word a plan’s own rules, and leave the shared ones to the imports module', () => {
    expect(catalogImportMessage(plan('groupKind'), 'duplicate_in_file', { row: 2 }, 'en')).toBe(
      'Group kind differs from row 2: every row of a course group must give the same kind',
    );
    expect(catalogImportMessage(plan('groupKind'), 'invalid_choice', { value: 'x' }, 'zh-CN')).toBe(
      '课程组类型应为 必修 或 选修，不能是“x”',
    );
    expect(catalogImportMessage(plan('majorCode'), 'reference_not_found', { value: '999' }, 'zh-CN')).toBe(
      '专业代码“999”不存在（应为已有专业的代码，如 080901）',
    );
    expect(catalogImportMessage(course('code'), 'duplicate_in_file', { row: 4 }, 'zh-CN')).toBe(
      '课程代码与第 4 行重复：同一文件中每个代码只能出现一次',
    );
  });
});
