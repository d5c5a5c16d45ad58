import { describe, expect, it } from 'vitest';
import { computePlanCredits, orderViolation, type PlanCourseFacts } from './plan-credits.ts';

const c = (
  code: string,
  credits: string,
  category: PlanCourseFacts['category'],
  term: number,
  prerequisites: PlanCourseFacts['prerequisites'] = null,
  isActive = true,
): PlanCourseFacts => ({
  courseId: code.length,
  code,
  credits,
  category,
  term,
  prerequisites,
  isActive,
});

describe('curriculum plan credits', () => {
  it('sums credits per category and per term exactly (decimals)', () => {
    const r = computePlanCredits({
      totalCredits: '10.6',
      creditRequirements: [{ category: 'foundation', credits: '6.6' }],
      groups: [
        {
          name: '学科基础',
          kind: 'required',
          minCredits: null,
          courses: [c('MA101', '3.3', 'foundation', 1), c('MA102', '3.3', 'foundation', 2)],
        },
        { name: '核心', kind: 'required', minCredits: null, courses: [c('CS201', '4.0', 'major_core', 2)] },
      ],
    });
    expect(r.creditsByCategory).toEqual([
      { category: 'foundation', required: '6.6', planned: '6.6' },
      { category: 'major_core', required: null, planned: '4.0' },
    ]);
    expect(r.creditsByTerm).toEqual([
      { term: 1, credits: '3.3' },
      { term: 2, credits: '7.3' },
    ]);
    expect(r.plannedCredits).toBe('10.6');
    expect(r.groupCredits).toEqual(['6.6', '4.0']);
    expect(r.warnings).toEqual([]);
  });

  it('warns about an elective group short of its minimum, a category and the total short of their requirement', () => {
    const r = computePlanCredits({
      totalCredits: '20',
      creditRequirements: [{ category: 'major_elective', credits: '8' }],
      groups: [
        {
          name: '专业选修',
          kind: 'elective',
          minCredits: '6',
          courses: [c('CS310', '2', 'major_elective', 5), c('CS311', '2.5', 'major_elective', 6)],
        },
      ],
    });
    expect(r.warnings).toEqual([
      { code: 'elective_group_short', params: { group: '专业选修', planned: '4.5', required: '6.0' } },
      { code: 'category_short', params: { category: 'major_elective', required: '8.0', planned: '4.5' } },
      { code: 'total_short', params: { required: '20.0', planned: '4.5' } },
    ]);
  });

  it('warns about a course placed before or with its prerequisite and about retired courses', () => {
    const r = computePlanCredits({
      totalCredits: null,
      creditRequirements: [],
      groups: [
        {
          name: 'g',
          kind: 'required',
          minCredits: null,
          courses: [
            c('CS101', '3', 'foundation', 3),
            c('CS201', '3', 'major_core', 2, { course: 'CS101' }),
            c('CS999', '1', 'practice', 4, null, false),
          ],
        },
      ],
    });
    expect(r.warnings).toEqual([
      { code: 'prerequisite_order', params: { course: 'CS201', term: 2, prerequisite: 'CS101', prerequisiteTerm: 3 } },
      { code: 'course_retired', params: { course: 'CS999' } },
    ]);
  });

  it('judges any-of prerequisites by their best alternative and ignores courses outside the plan', () => {
    const termOf = new Map([
      ['A', 1],
      ['B', 4],
    ]);
    expect(orderViolation({ op: 'any', items: [{ course: 'A' }, { course: 'B' }] }, 3, termOf)).toBeNull();
    expect(orderViolation({ op: 'all', items: [{ course: 'A' }, { course: 'B' }] }, 3, termOf)).toEqual({ code: 'B', term: 4 });
    expect(orderViolation({ course: 'ELSEWHERE' }, 1, termOf)).toBeNull();
  });
});
