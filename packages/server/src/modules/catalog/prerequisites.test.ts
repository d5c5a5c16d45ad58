import { describe, expect, it } from 'vitest';
import { prerequisiteExpr } from '@jiaowu/contracts';
import { checkPrerequisites, codesOf, findCycle, formatPrerequisites, parsePrerequisites } from './prerequisites.ts';

const graph = new Map<string, string[]>([
  ['CS201', ['CS101']],
  ['CS301', ['CS201', 'MA101']],
]);
const exists = (c: string) => ['MA101', 'CS101', 'CS102', 'CS201', 'CS301', 'CS401'].includes(c);

describe('prerequisite expressions', () => {
  it('accepts nested all/any expressions and lists their codes once', () => {
    const expr = {
      op: 'all' as const,
      items: [{ course: 'MA101' }, { op: 'any' as const, items: [{ course: 'CS101' }, { course: 'CS102' }, { course: 'MA101' }] }],
    };
    expect(prerequisiteExpr.safeParse(expr).success).toBe(true);
    expect(codesOf(expr)).toEqual(['MA101', 'CS101', 'CS102']);
    expect(checkPrerequisites('CS401', expr, exists, graph)).toEqual([]);
  });

  it('refuses malformed expressions at the schema', () => {
    expect(prerequisiteExpr.safeParse({ op: 'all', items: [] }).success).toBe(false);
    expect(prerequisiteExpr.safeParse({ op: 'some', items: [{ course: 'A' }] }).success).toBe(false);
    expect(prerequisiteExpr.safeParse({ course: 'bad code!' }).success).toBe(false);
  });

  it('refuses a course that requires itself, unknown courses, and too deep nesting', () => {
    expect(checkPrerequisites('CS101', { course: 'CS101' }, exists, graph)).toEqual([
      { field: 'prerequisites', code: 'prerequisite_self' },
    ]);
    expect(checkPrerequisites('CS401', { op: 'any', items: [{ course: 'NOPE1' }, { course: 'CS101' }] }, exists, graph)).toEqual([
      { field: 'prerequisites', code: 'reference_not_found', params: { value: 'NOPE1' } },
    ]);
    let deep: any = { course: 'CS101' };
    for (let i = 0; i < 7; i++) deep = { op: 'all', items: [deep] };
    expect(checkPrerequisites('CS401', deep, exists, graph)[0].code).toBe('prerequisite_depth');
  });

  it('finds cycles through the rest of the catalog and names the path', () => {
    // CS101 requiring CS301 closes CS101 → CS301 → CS201 → CS101.
    const issues = checkPrerequisites('CS101', { course: 'CS301' }, exists, graph);
    expect(issues).toEqual([{ field: 'prerequisites', code: 'prerequisite_cycle', params: { path: 'CS101 → CS301 → CS201 → CS101' } }]);
    expect(findCycle(graph, 'MA101', ['CS101'])).toBeNull();
    expect(findCycle(graph, 'CS101', ['CS201'])).toEqual(['CS101', 'CS201', 'CS101']);
  });
});

describe('prerequisite text form (spreadsheets)', () => {
  it('reads & and | with parentheses, & binding tighter, Chinese separators too', () => {
    expect(parsePrerequisites('MA101 & (CS101 | CS102)')).toEqual({
      op: 'all',
      items: [{ course: 'MA101' }, { op: 'any', items: [{ course: 'CS101' }, { course: 'CS102' }] }],
    });
    expect(parsePrerequisites('MA101、CS101')).toEqual({ op: 'all', items: [{ course: 'MA101' }, { course: 'CS101' }] });
    expect(parsePrerequisites('MA101 & CS101 | CS102')).toEqual({
      op: 'any',
      items: [{ op: 'all', items: [{ course: 'MA101' }, { course: 'CS101' }] }, { course: 'CS102' }],
    });
    expect(parsePrerequisites('（CS101 或 CS102）')).toEqual({ op: 'any', items: [{ course: 'CS101' }, { course: 'CS102' }] });
    expect(parsePrerequisites('  ')).toBeNull();
    expect(() => parsePrerequisites('MA101 & (CS101')).toThrow();
    expect(() => parsePrerequisites('MA101 &')).toThrow();
  });

  it('round-trips through format and parse', () => {
    const expr = {
      op: 'all' as const,
      items: [
        { course: 'MA101' },
        { op: 'any' as const, items: [{ course: 'CS101' }, { op: 'all' as const, items: [{ course: 'CS102' }, { course: 'CS103' }] }] },
      ],
    };
    const text = formatPrerequisites(expr);
    expect(text).toBe('MA101 & (CS101 | (CS102 & CS103))');
    expect(parsePrerequisites(text)).toEqual(expr);
  });
});
