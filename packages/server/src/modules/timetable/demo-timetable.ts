import { maskOfWeeks } from '@jiaowu/contracts';
import type { Tx } from '../../db/client.ts';
import { insertClass } from '../offerings/offerings.repository.ts';
import { findStudentAdminClass } from '../org/org.read-model.ts';
import { checkHard } from './core/hard-rules.ts';
import { insertDraftWithLectures, setDraftStatus } from './publish.repository.ts';
import { checkContextOf, lecturesOfClass, loadTermFacts, toCheckLecture, type LectureRowLike, type TermFacts } from './term-facts.ts';
import { findCurrentVersion, insertVersion } from './versions.repository.ts';

/** Places lectures one by one in the first slot and room the checker accepts. */
export function placeGreedily(facts: TermFacts, lectures: LectureRowLike[]): LectureRowLike[] {
  const ctx = checkContextOf(facts);
  const rooms = [...facts.rooms.values()].filter((r) => r.isActive).sort((a, b) => a.capacity - b.capacity);
  const placed: LectureRowLike[] = [];
  for (const l of lectures) {
    const c = facts.classes.get(l.teachingClassId)!;
    let done = false;
    for (let day = 1; day <= Math.min(5, ctx.days) && !done; day++)
      for (let start = 1; start + l.length - 1 <= ctx.periodsPerDay && !done; start += 2)
        for (const r of rooms) {
          if (r.capacity < c.capacity || (c.roomType && r.type !== c.roomType)) continue;
          const cand = { ...l, day, startPeriod: start, roomId: r.id };
          const all = [...placed, cand].map((x) => toCheckLecture(x, facts));
          if (checkHard(all, ctx, { focus: new Set([cand.lectureKey]) }).length === 0) {
            placed.push(cand);
            done = true;
            break;
          }
        }
    if (!done) placed.push(l); // left unplaced: the caller sees it in the checker
  }
  return placed;
}
/** Above this many teaching classes the greedy placement is too slow for a seed: the solver's seed publishes instead. */
const MAX_GREEDY_CLASSES = 120;

/**
 * A stand-in published timetable for the demo term until the solver seeds one: the demo
 * student's admin class gets a class of the demo teacher if it has none, every teaching
 * class is placed greedily (checked by the hard-rule checker), published as version 1, and
 * a copy is left as a draft for the office to submit to 课程确认. Skipped when the term
 * already has a published version or too many classes.
 */
export async function seedDemoTimetable(tx: Tx, anchors: { termId: number; teacherId: number; studentId: number }) {
  if (await findCurrentVersion(tx, anchors.termId)) return;
  let facts = await loadTermFacts(tx, anchors.termId);
  if (facts.classes.size > MAX_GREEDY_CLASSES) return;
  const student = await findStudentAdminClass(tx, anchors.studentId);
  const place = (f: TermFacts) =>
    placeGreedily(
      f,
      [...f.classes.values()].sort((a, b) => a.id - b.id).flatMap((c) => lecturesOfClass(c)),
    ).filter((l) => l.day !== null && l.roomId !== null);
  let lectures = place(facts);
  const any = [...facts.classes.values()][0];
  // The demo student has lectures to look at even when their classes' rooms are all too small.
  if (student && any && !lectures.some((l) => facts.classes.get(l.teachingClassId)?.adminClassIds.includes(student.adminClassId))) {
    await insertClass(tx, {
      code: 'GE101-01',
      termId: anchors.termId,
      courseId: any.courseId,
      collegeId: facts.adminClasses.get(student.adminClassId)!.collegeId,
      teachers: [{ teacherId: anchors.teacherId, share: 100 }],
      teacherIds: [anchors.teacherId],
      capacity: 40,
      adminClassIds: [student.adminClassId],
      targetMajors: [],
      sessions: [2, 2],
      weekPattern: 'all',
      weekFrom: 1,
      weekTo: 16,
      weekMask: maskOfWeeks(Array.from({ length: 16 }, (_, i) => i + 1)),
      roomType: null,
      roomFeatures: [],
      timeWishes: [],
    });
    facts = await loadTermFacts(tx, anchors.termId);
    lectures = place(facts);
  }
  const at = new Date();
  const published = await insertDraftWithLectures(tx, anchors.termId, '2026 秋季排课方案', lectures);
  await setDraftStatus(tx, published.id, ['draft'], { status: 'published' }, at);
  await insertVersion(
    tx,
    anchors.termId,
    { source: 'publish', draftId: published.id, note: published.name, publishedBy: null, at },
    lectures.map((l) => ({ ...l, day: l.day!, startPeriod: l.startPeriod! })),
  );
  await insertDraftWithLectures(tx, anchors.termId, '2026 秋季排课方案（调整）', lectures);
}
