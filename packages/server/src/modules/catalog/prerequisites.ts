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

// ---------------------------------------------------------------- text form

/** Writes an expression as text: `&` for all of, `|` for any of, parentheses where needed. */
export function formatPrerequisites(expr: PrerequisiteExpr | null | undefined): string {
  if (!expr) return '';
  const fmt = (e: PrerequisiteExpr, nested: boolean): string => {
    if ('course' in e) return e.course;
    if (e.items.length === 1) return fmt(e.items[0], nested);
    const s = e.items.map((i) => fmt(i, true)).join(e.op === 'all' ? ' & ' : ' | ');
    return nested ? `(${s})` : s;
  };
  return fmt(expr, false);
}

/**
 * Reads the text form: codes joined by `&` (also `,` `，` `、` `和` `与`) for
 * all of, `|` (also `或` `/`) for any of, with parentheses; `&` binds
 * tighter than `|`. Returns null for blank text; throws on bad syntax.
 */
export function parsePrerequisites(text: string): PrerequisiteExpr | null {
  const src = text.normalize('NFKC').trim();
  if (!src) return null;
  const tokens = src.match(/[A-Za-z0-9_.-]+|[&|()]|[,，、和与]|[或/]|\S/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const isAnd = (t: string | undefined) => t !== undefined && /^[&,，、和与]$/.test(t);
  const isOr = (t: string | undefined) => t !== undefined && /^[|或/]$/.test(t);
  const fail = (): never => {
    throw new Error('syntax');
  };
  const group = (op: 'all' | 'any', items: PrerequisiteExpr[]): PrerequisiteExpr => (items.length === 1 ? items[0] : { op, items });
  function atom(): PrerequisiteExpr {
    const t = peek();
    if (t === '(') {
      pos++;
      const e = anyOf();
      if (peek() !== ')') fail();
      pos++;
      return e;
    }
    if (t && /^[A-Za-z0-9_.-]+$/.test(t)) {
      pos++;
      return { course: t };
    }
    return fail();
  }
  function allOf(): PrerequisiteExpr {
    const items = [atom()];
    while (isAnd(peek())) (pos++, items.push(atom()));
    return group('all', items);
  }
  function anyOf(): PrerequisiteExpr {
    const items = [allOf()];
    while (isOr(peek())) (pos++, items.push(allOf()));
    return group('any', items);
  }
  const expr = anyOf();
  if (pos !== tokens.length) fail();
  return expr;
}
