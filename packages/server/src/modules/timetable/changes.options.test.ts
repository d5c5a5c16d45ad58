import { eq } from 'drizzle-orm';
import { maskOfWeeks, weeksOfMask } from '@jiaowu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { terms } from '../org/org.tables.ts';
import { changeConflicts } from './changes.check.ts';
import { findChangeOptions } from './changes.options.ts';
import { loadTermFacts, type TermFacts } from './term-facts.ts';
import { findCurrentVersion, findVersionLectures, type VersionLecture } from './versions.repository.ts';

/**
 * What the change form proposes is what filing accepts: on the demo's published timetable (two
 * campuses, 40 minutes between them), every free slot and every room offered there passes the
 * conflict check of a filed move — campus travel included, which depends on the room.
 */
let ctx: TestContext;
let facts: TermFacts;
let lectures: VersionLecture[];

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' } } });
  const [term] = await ctx.db.select().from(terms).where(eq(terms.isCurrent, true));
  facts = await loadTermFacts(ctx.db, term.id);
  const version = await findCurrentVersion(ctx.db, term.id);
  lectures = (await findVersionLectures(ctx.db, version!.id)) as VersionLecture[];
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('change options 调课建议', () => {
  it('every proposed slot and room is accepted by the filing check', () => {
    // A spread of the term's lectures (every 15th), each moved in its last two weeks.
    const sample = lectures.filter((_, i) => i % 15 === 0).slice(0, 40);
    let offered = 0;
    for (const lecture of sample) {
      const weeks = weeksOfMask(lecture.weekMask).slice(-2);
      for (const option of findChangeOptions(facts, lectures, lecture, weeks, 'zh-CN').filter((o) => o.free))
        for (const room of option.rooms) {
          offered++;
          const weekMask = maskOfWeeks(weeks);
          const spec = {
            id: 0,
            kind: 'move' as const,
            lectureKey: lecture.lectureKey,
            weekMask,
            targets: [{ day: option.day, startPeriod: option.startPeriod, roomId: room.roomId, weekMask }],
            substituteTeacherId: null,
            teacherId: lecture.teacherIds[0] ?? null,
          };
          const refused = changeConflicts(facts, lectures, spec).map((c) => c['zh-CN']);
          expect(refused, `${lecture.lectureKey} → 周${option.day} 第${option.startPeriod}节 ${room.name}`).toEqual([]);
        }
    }
    expect(offered).toBeGreaterThan(100);
  });
});
