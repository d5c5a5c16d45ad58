import { describe, expect, it } from 'vitest';
import { describeCondition, subjectKindName } from './flow-words.ts';

const flowKey = 'course_request';

describe('conditions in words', () => {
  it('reads a comparison with the field label and the operator in words', () => {
    expect(describeCondition({ field: 'capacity', op: '>', value: 200 }, 'zh-CN', { flowKey })).toBe('容量大于 200');
    expect(describeCondition({ field: 'capacity', op: '>', value: 200 }, 'en', { flowKey })).toBe('Capacity is more than 200');
    expect(describeCondition({ field: 'credits', op: '<=', value: 2 }, 'zh-CN', { flowKey })).toBe('学分不超过 2');
  });

  it('names the thing behind a reference value', () => {
    const c = { field: 'collegeId', op: '=', value: 3 } as const;
    expect(describeCondition(c, 'zh-CN', { flowKey, valueName: '计算机学院' })).toBe('学院为 计算机学院');
    expect(describeCondition(c, 'en', { flowKey, valueName: 'School of Computing' })).toBe('College is School of Computing');
  });

  it('has no condition to tell when there is none, and names subject kinds without codes', () => {
    expect(describeCondition(null, 'zh-CN', { flowKey })).toBeNull();
    expect(subjectKindName('course_request', 'zh-CN')).toBe('开课申请');
    expect(subjectKindName('something_new', 'en')).toBe('Other item');
  });
});
