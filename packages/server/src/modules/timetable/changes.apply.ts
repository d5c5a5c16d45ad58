import type { ChangeKind } from '@jiaowu/contracts';
import type { VersionLecture } from './versions.repository.ts';

/** A change as the apply step needs it (a filed request, or one being validated before it is filed). */
export interface ChangeSpec {
  /** Suffix of the new lectures' keys; 0 while the request is not stored yet. */
  id: number;
  kind: ChangeKind;
  lectureKey: string;
  /** Weeks of the lecture concerned (already narrowed to the lecture's weeks). */
  weekMask: number;
  targets: readonly { day: number; startPeriod: number; roomId: number; weekMask: number }[];
  /** 代课: who teaches instead of `teacherId` in those weeks. */
  substituteTeacherId: number | null;
  teacherId: number | null;
}

/**
 * The timetable after a change: the lecture loses the concerned weeks (it disappears when none
 * is left), and the weeks reappear as new lectures — the moved slot, the make-ups 补课, or the
 * same slot taught by the substitute 代课 — keyed "<lectureKey>/c<changeId>[-n]" so they stay
 * traceable to the request. Pure: returns the new list and the keys the change created.
 */
export function applyChange(lectures: readonly VersionLecture[], change: ChangeSpec): { lectures: VersionLecture[]; newKeys: string[] } {
  const original = lectures.find((l) => l.lectureKey === change.lectureKey);
  if (!original) throw new Error(`lecture ${change.lectureKey} is not in the timetable`);
  const remaining = original.weekMask & ~change.weekMask;
  const out: VersionLecture[] = [];
  for (const l of lectures) {
    if (l.lectureKey !== change.lectureKey) out.push(l);
    else if (remaining !== 0) out.push({ ...l, weekMask: remaining });
  }
  const base = `${change.lectureKey}/c${change.id}`;
  const added: VersionLecture[] = [];
  switch (change.kind) {
    case 'move':
    case 'permanent':
    case 'cancel':
      change.targets.forEach((t, i) =>
        added.push({
          ...original,
          lectureKey: change.targets.length > 1 ? `${base}-${i + 1}` : base,
          day: t.day,
          startPeriod: t.startPeriod,
          roomId: t.roomId,
          weekMask: t.weekMask,
          kind: change.kind === 'cancel' ? 'makeup' : (original.kind ?? 'regular'),
        }),
      );
      break;
    case 'substitute': {
      const sub = change.substituteTeacherId!;
      const teachers = original.teacherIds.map((t) => (t === change.teacherId ? sub : t));
      added.push({
        ...original,
        lectureKey: base,
        weekMask: change.weekMask & original.weekMask,
        teacherIds: [...new Set(teachers.includes(sub) ? teachers : [...teachers, sub])],
        kind: 'substitute',
      });
      break;
    }
  }
  return { lectures: [...out, ...added], newKeys: added.map((l) => l.lectureKey) };
}

/** Weeks of a permanent change: every week of the lecture from the first one named. */
export function permanentWeeks(lectureMask: number, weeks: readonly number[]): number {
  const from = Math.min(...weeks);
  let mask = 0;
  for (let w = from; w <= 32; w++) if ((lectureMask >>> (w - 1)) & 1) mask |= 1 << (w - 1);
  return mask | 0;
}
