import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from './errors.ts';
import { GRADE_WORDS, GRADES_ERROR_MESSAGES, GRADES_WARNING_MESSAGES, gradeIssueText } from './grades.messages.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('grade messages', () => {
  it('say the same thing in both languages, with the same placeholders, in Chinese in the Chinese UI', () => {
    for (const [code, words] of Object.entries({ ...GRADES_ERROR_MESSAGES, ...GRADES_WARNING_MESSAGES })) {
      expect(placeholders(words['zh-CN']), code).toEqual(placeholders(words.en));
      // No Latin words outside placeholders in the Chinese sentence.
      expect(words['zh-CN'].replace(/\{\w+\}/g, ''), code).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  it('are API errors too', () => {
    for (const code of Object.keys(GRADES_ERROR_MESSAGES)) expect(ERROR_MESSAGES).toHaveProperty(code);
  });

  it('name components, not their codes', () => {
    const issue = { code: 'grade_weight_out_of_range', params: { component: 'final', weight: 40, min: 50, max: 100 } };
    expect(gradeIssueText(issue, 'zh-CN')).toBe('期末成绩的比例为 40%，应在 50% 到 100% 之间');
    expect(gradeIssueText(issue, 'en')).toBe('The Final exam weight is 40%; it must be between 50% and 100%');
    expect(gradeIssueText({ code: 'grade_component_missing', params: { component: 'lab' } }, 'zh-CN')).toBe('缺少实验成绩，无法计算总评');
    expect(gradeIssueText({ code: 'nonsense', params: {} }, 'zh-CN')).toBe('成绩数据有误');
    expect(Object.keys(GRADE_WORDS.mark)).toHaveLength(6);
  });
});
