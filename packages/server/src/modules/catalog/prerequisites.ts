import { CATALOG_LIMITS, type PrerequisiteExpr } from '@jiaowu/contracts';
import type { FieldIssue } from '../../platform/errors.ts';

// Pure rules of prerequisite expressions (先修要求): codes named, depth,
// cycles through the whole catalog, and the text form spreadsheets use
// ("MA101 & (CS101 | CS102)").

/** Every course code an expression names, once each, in order of appearance. */
export function codesOf(expr: PrerequisiteExpr | null | undefined): string[] {
  const out = new Set<string>();
  const walk = (e: PrerequisiteExpr) => ('course' in e ? out.add(e.course) : e.items.forEach(walk));
  if (expr) walk(expr);
  return [...out];
}

export function depthOf(expr: PrerequisiteExpr): number {
  return 'course' in expr ? 0 : 1 + Math.max(...expr.items.map(depthOf));
}

/** Maps every course code of an expression (e.g. to follow a renamed course). */
export function mapCodes(expr: PrerequisiteExpr, fn: (code: string) => string): PrerequisiteExpr {
  return 'course' in expr ? { course: fn(expr.course) } : { op: expr.op, items: expr.items.map((i) => mapCodes(i, fn)) };
}

/**
 * A path from `to` back to `from` in the prerequisite graph (code → codes it
 * requires), i.e. the cycle that adding the edges from → `requires` would
 * close; null when there is none.
 */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>, from: string, requires: readonly string[]): string[] | null {
  for (const start of requires) {
    const parent = new Map<string, string | null>([[start, null]]);
    const stack = [start];
    while (stack.length) {
      const cur = stack.pop()!;
      if (cur === from) {
        const path: string[] = [];
        for (let c: string | null = cur; c !== null; c = parent.get(c) ?? null) path.unshift(c);
        return [from, ...path];
      }
      for (const next of graph.get(cur) ?? []) {
        if (!parent.has(next)) {
          parent.set(next, cur);
          stack.push(next);
        }
      }
    }
  }
  return null;
}

/**
 * Checks a course's prerequisites: every code exists, no self reference, not
 * too deep, no cycle through the rest of the catalog. `graph` holds the other
 * courses' current prerequisite codes; `exists` says whether a code is a course.
 */
export function checkPrerequisites(
  code: string,
  expr: PrerequisiteExpr | null | undefined,
  exists: (code: string) => boolean,
  graph: ReadonlyMap<string, readonly string[]>,
  field = 'prerequisites',
): FieldIssue[] {
  if (!expr) return [];
  const issues: FieldIssue[] = [];
  const codes = codesOf(expr);
  if (depthOf(expr) > CATALOG_LIMITS.prerequisiteDepth) {
    issues.push({ field, code: 'prerequisite_depth', params: { maximum: CATALOG_LIMITS.prerequisiteDepth } });
  }
  if (codes.includes(code)) issues.push({ field, code: 'prerequisite_self' });
  for (const c of codes) if (c !== code && !exists(c)) issues.push({ field, code: 'reference_not_found', params: { value: c } });
  if (issues.length) return issues;
  const cycle = findCycle(graph, code, codes);
  if (cycle) issues.push({ field, code: 'prerequisite_cycle', params: { path: cycle.join(' → ') } });
  return issues;
}

// The text form lives in contracts: the web's editor and the imports read it the same way.
export { formatPrerequisites, parsePrerequisites } from '@jiaowu/contracts';
