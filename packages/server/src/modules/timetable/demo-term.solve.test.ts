// The demo school's terms are solved by the solver at seed time (demo-timetable.ts) and published.
// What a user of the demo sees must hold: every weekly session of every teaching class has a time
// and a room, and the hard-rule checker — not the solver's own count — finds nothing wrong with
// either term's timetable in force (the current term's includes the demo's applied change).
import { asc, eq, ne } from 'drizzle-orm';
import { DEMO_EARLIER_TERM } from '../../seed/demo-school.ts';
import { terms as termsTable } from '../org/org.tables.ts';
import { timetableVersions } from './timetable.tables.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { checkHard } from './core/hard-rules.ts';
import { checkContextOf, loadTermFacts, toCheckLecture } from './term-facts.ts';
import { findCurrentVersion, findVersionLectures } from './versions.repository.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('the demo terms as published', () => {
  it('place every session of every teaching class and break no hard rule', async () => {
    // Autumn 2025 has grades only (migrated from the school's old system), no timetable.
    const terms = await ctx.db
      .select({ id: termsTable.id })
      .from(termsTable)
      .where(ne(termsTable.code, DEMO_EARLIER_TERM.code))
      .orderBy(asc(termsTable.id));
    expect(terms).toHaveLength(2);
    for (const { id } of terms) {
      const facts = await loadTermFacts(ctx.db, id);
      const version = await findCurrentVersion(ctx.db, id);
      expect(version, `term ${id} has a published timetable`).not.toBeNull();
      const lectures = await findVersionLectures(ctx.db, version!.id);
      // Each session of a class is there (a change splits one into several rows, never drops it).
      const sessions = new Set(lectures.map((l) => `${l.teachingClassId}:${l.sessionIndex}`));
      const expected = [...facts.classes.values()].reduce((n, c) => n + c.sessions.length, 0);
      expect(facts.classes.size).toBeGreaterThan(400);
      expect(sessions.size).toBe(expected);
      expect(lectures.every((l) => l.day !== null && l.startPeriod !== null && l.roomId !== null)).toBe(true);
      const violations = checkHard(
        lectures.map((l) => toCheckLecture(l, facts)),
        checkContextOf(facts),
      );
      expect(violations).toEqual([]);
    }
  });

  it('publish the current term twice: the solver’s timetable, then the demo teacher’s approved change', async () => {
    const rows = await ctx.db
      .select({ no: timetableVersions.versionNo, source: timetableVersions.source })
      .from(timetableVersions)
      .innerJoin(termsTable, eq(termsTable.id, timetableVersions.termId))
      .where(eq(termsTable.isCurrent, true))
      .orderBy(asc(timetableVersions.versionNo));
    expect(rows).toEqual([
      { no: 1, source: 'publish' },
      { no: 2, source: 'change' },
    ]);
  });
});
