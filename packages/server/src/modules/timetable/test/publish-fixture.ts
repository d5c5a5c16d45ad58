import { maskOfWeeks } from '@jiaowu/contracts';
import type { Db } from '../../../db/client.ts';
import { teachingClasses } from '../../offerings/offerings.tables.ts';
import { placeGreedily } from './greedy.ts';
import { lectureFields, lecturesOfClass, loadTermFacts, type LectureRowLike } from '../term-facts.ts';
import { timetableDraftLectures, timetableDrafts } from '../timetable.tables.ts';

// Test fixtures of the publication tests: a draft of a term's teaching classes placed
// greedily without any hard conflict (checked by the checker), written straight to the tables.

/** The lectures of these teaching classes (all of the term's when omitted), placed. */
export async function placedLectures(db: Db, termId: number, classIds?: number[]) {
  const facts = await loadTermFacts(db, termId);
  const classes = [...facts.classes.values()].filter((c) => !classIds || classIds.includes(c.id)).sort((a, b) => a.id - b.id);
  return {
    facts,
    lectures: placeGreedily(
      facts,
      classes.flatMap((c) => lecturesOfClass(c)),
    ),
  };
}

export async function insertDraft(
  db: Db,
  termId: number,
  lectures: LectureRowLike[],
  extra: { name?: string; basedOnVersionId?: number | null } = {},
) {
  return db.transaction(async (tx) => {
    const [draft] = await tx
      .insert(timetableDrafts)
      .values({ termId, name: extra.name ?? '测试方案', basedOnVersionId: extra.basedOnVersionId ?? null })
      .returning();
    if (lectures.length)
      await tx.insert(timetableDraftLectures).values(
        lectures.map((l) => ({
          draftId: draft.id,
          ...lectureFields(l),
        })),
      );
    return draft;
  });
}

/**
 * A teaching class of the term for one admin class and teacher (2+2 periods a week, weeks
 * 1–16), so the demo student and teacher have lectures whatever the seed holds.
 */
export async function insertClassFor(
  db: Db,
  termId: number,
  p: { adminClassId: number; teacherId: number; code: string; capacity?: number },
) {
  const facts = await loadTermFacts(db, termId);
  const any = [...facts.classes.values()][0];
  const a = facts.adminClasses.get(p.adminClassId)!;
  const [row] = await db
    .insert(teachingClasses)
    .values({
      code: p.code,
      termId,
      courseId: any.courseId,
      collegeId: a.collegeId,
      teachers: [{ teacherId: p.teacherId, share: 100 }],
      teacherIds: [p.teacherId],
      capacity: p.capacity ?? 40,
      adminClassIds: [p.adminClassId],
      targetMajors: [],
      sessions: [2, 2],
      weekPattern: 'all',
      weekFrom: 1,
      weekTo: 16,
      weekMask: maskOfWeeks(Array.from({ length: 16 }, (_, i) => i + 1)),
      roomType: null,
      roomFeatures: [],
      timeWishes: [],
    })
    .returning();
  return row;
}
