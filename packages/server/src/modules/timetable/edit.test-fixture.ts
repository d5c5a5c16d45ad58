import type { Db } from '../../db/client.ts';
import { findRequestMadeClassIds } from '../offerings/offerings.read-model.ts';
import { checkHard } from './core/hard-rules.ts';
import { checkContextOf, lecturesOfClass, loadTermFacts, toCheckLecture, type LectureRowLike } from './term-facts.ts';
import { insertDraftWithLectures } from './edit.repository.ts';

/**
 * A draft for tests of manual editing (drafts are solved by the solve module; these tests must
 * not depend on it): every lecture of the term's teaching classes placed by hand on its own
 * half-day — Monday to Friday, morning (from period 1) or afternoon (from period 5) — in the
 * smallest suitable room, so the draft starts with no hard violation.
 */
export async function buildEditDraft(db: Db, termId: number, opts: { status?: string; name?: string } = {}) {
  const facts = await loadTermFacts(db, termId);
  const rooms = [...facts.rooms.values()].filter((r) => r.isActive && r.unavailable.length === 0).sort((a, b) => a.capacity - b.capacity);
  const roomOf = (c: NonNullable<ReturnType<typeof facts.classes.get>>) =>
    rooms.find(
      (r) => r.capacity >= c.capacity && (!c.roomType || r.type === c.roomType) && c.roomFeatures.every((f) => r.features.includes(f)),
    );
  // The CS college's classes from its approved course requests (the demo's other ~600 classes
  // would not fit one per half-day); the whole-cohort lecture, which needs the lecture hall, is
  // left out so the layout the tests name stays as it is.
  const fromRequests = new Set(await findRequestMadeClassIds(db, termId));
  const lectures: LectureRowLike[] = [...facts.classes.values()]
    .filter((c) => fromRequests.has(c.id) && c.capacity <= 200 && roomOf(c))
    .flatMap(lecturesOfClass);
  const halfDays = Array.from({ length: facts.grid.daysPerWeek * 2 }, (_, i) => ({
    day: (i % facts.grid.daysPerWeek) + 1,
    start: i < facts.grid.daysPerWeek ? 1 : 5,
  }));
  if (lectures.length > halfDays.length) throw new Error(`fixture: ${lectures.length} lectures for ${halfDays.length} half-days`);
  lectures.forEach((l, i) => {
    l.day = halfDays[i].day;
    l.startPeriod = halfDays[i].start;
    l.roomId = roomOf(facts.classes.get(l.teachingClassId)!)!.id;
  });
  const violations = checkHard(
    lectures.map((l) => toCheckLecture(l, facts)),
    checkContextOf(facts),
  );
  if (violations.length) throw new Error(`fixture: the draft breaks ${violations.map((v) => v.rule).join(', ')}`);
  const draft = await insertDraftWithLectures(
    db,
    { termId, name: opts.name ?? '手工调整测试方案', status: opts.status ?? 'draft' },
    lectures,
  );
  return { draft, lectures, facts };
}
