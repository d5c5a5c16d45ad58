import type { PrerequisiteExpr } from './catalog.ts';

// The text form of prerequisite expressions (same grammar as the server's import), shared with the web editor.

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
    while (isAnd(peek())) {
      pos++;
      items.push(atom());
    }
    return group('all', items);
  }
  function anyOf(): PrerequisiteExpr {
    const items = [allOf()];
    while (isOr(peek())) {
      pos++;
      items.push(allOf());
    }
    return group('any', items);
  }
  const expr = anyOf();
  if (pos !== tokens.length) fail();
  return expr;
}
