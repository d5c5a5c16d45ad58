import {
  maskOfWeeks,
  violationText,
  type DraftEditInput,
  type DraftEditResult,
  type DraftGrid,
  type DraftGridQuery,
  type DraftStatus,
  type HardViolation,
  type Locale,
  type RoomUse,
  type SummaryPageQuery,
  type TeacherLoad,
  type TimetableNames,
} from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findJob } from '../../platform/jobs/jobs.repository.ts';
import { checkHard } from './core/hard-rules.ts';
import { computeSlotOptions } from './edit.options.ts';
import {
  claimDraftVersion,
  countUndoableEdits,
  findDraft,
  findDraftLectures,
  findLastUndoableEdit,
  insertDraftEdit,
  markEditUndone,
  updateLectureStates,
  type DraftLectureRow,
  type LectureState,
} from './edit.repository.ts';
import { conflictReportOf, namesOf, roomUseOf, teacherLoadOf } from './draft-reports.ts';
import { toLectureItem } from './lecture-items.ts';
import { checkContextOf, loadTermFacts, toCheckLecture, type TermFacts } from './term-facts.ts';

const stateOf = (r: DraftLectureRow): LectureState => ({
  lectureKey: r.lectureKey,
  day: r.day,
  startPeriod: r.startPeriod,
  length: r.length,
  weekMask: r.weekMask,
  roomId: r.roomId,
  lockTime: r.lockTime,
  lockRoom: r.lockRoom,
});
const sameState = (a: LectureState, b: LectureState) =>
  a.day === b.day &&
  a.startPeriod === b.startPeriod &&
  a.weekMask === b.weekMask &&
  a.roomId === b.roomId &&
  a.lockTime === b.lockTime &&
  a.lockRoom === b.lockRoom;

/** Several violations as one sentence per language for the refusal (the first few, then how many more). */
function refusal(violations: readonly HardViolation[], names: TimetableNames) {
  const say = (locale: Locale) => {
    const texts = [...new Set(violations.map((v) => violationText(v, names, locale)))];
    const shown = texts.slice(0, 3).join(locale === 'en' ? '; ' : '；');
    const more = texts.length - 3;
    return more > 0 ? (locale === 'en' ? `${shown}; and ${more} more` : `${shown}；另有 ${more} 项`) : shown;
  };
  return new AppError('draft_edit_conflict', {
    params: { reasonZh: say('zh-CN'), reasonEn: say('en') },
    details: { violations: violations.map((v) => ({ rule: v.rule, lectureKeys: v.lectureKeys, text: violationText(v, names, 'zh-CN') })) },
  });
}

/**
 * 手工调整排课方案: the grid of one owner, the live check of a drag, the edits (move, swap,
 * weeks, lock) each in one transaction with its audit record and an undo entry, the undo
 * itself, the conflict report and the summaries. Every entry needs `timetable.manage`.
 */
export function createTimetableEditService({ db, clock }: { db: Db; clock: () => Date }) {
  async function load(h: Db | Tx, draftId: number) {
    const draft = await findDraft(h, draftId);
    if (!draft) throw new AppError('not_found', { details: { draftId: 'not_found' } });
    const [facts, rows] = await Promise.all([loadTermFacts(h, draft.termId), findDraftLectures(h, draftId)]);
    return { draft, facts, rows };
  }

  const items = (rows: readonly DraftLectureRow[], facts: TermFacts) => rows.map((r) => toLectureItem(r, facts));

  /** Claims the draft's next version inside the transaction, or says why not (missing, closed, stale). */
  async function claim(tx: Tx, draftId: number, version: number) {
    const draft = await claimDraftVersion(tx, draftId, version, clock());
    if (draft) {
      // A solve queued or running would overwrite the edit when it stores its result.
      const job = draft.lastJobId === null ? null : await findJob(tx, draft.lastJobId);
      if (job && (job.status === 'queued' || job.status === 'running')) throw new AppError('draft_edit_solving');
      return draft;
    }
    const found = await findDraft(tx, draftId);
    if (!found) throw new AppError('not_found', { details: { draftId: 'not_found' } });
    if (found.status !== 'draft') throw new AppError('draft_edit_closed');
    throw new AppError('stale', { details: { version: found.version } });
  }

  return {
    async grid(actor: Actor, draftId: number, query: DraftGridQuery): Promise<DraftGrid> {
      requireAccess(actor, 'timetable.manage');
      const { draft, facts, rows } = await load(db, draftId);
      let owner: DraftGrid['owner'] | null = null;
      let mine: (r: DraftLectureRow) => boolean = () => false;
      if (query.adminClassId !== undefined) {
        const id = query.adminClassId;
        const a = facts.adminClasses.get(id);
        if (a) owner = { kind: 'admin_class', id, name: a.name };
        mine = (r) => facts.classes.get(r.teachingClassId)?.adminClassIds.includes(id) ?? false;
      } else if (query.teacherId !== undefined) {
        const id = query.teacherId;
        const t = facts.teachers.get(id);
        if (t) owner = { kind: 'teacher', id, name: t.name };
        mine = (r) => r.teacherIds.includes(id);
      } else if (query.roomId !== undefined) {
        const id = query.roomId;
        const room = facts.rooms.get(id);
        if (room) owner = { kind: 'room', id, name: room.name };
        mine = (r) => r.roomId === id;
      } else if (query.teachingClassId !== undefined) {
        const id = query.teachingClassId;
        const c = facts.classes.get(id);
        if (c) owner = { kind: 'teaching_class', id, name: `${c.course.name} ${c.code}` };
        mine = (r) => r.teachingClassId === id;
      }
      const asked = Object.values(query).some((v) => v !== undefined);
      if (asked && !owner) throw new AppError('not_found', { details: { owner: 'not_found' } });
      return {
        draft: { id: draft.id, name: draft.name, version: draft.version, status: draft.status as DraftStatus, termId: draft.termId },
        grid: {
          days: facts.grid.daysPerWeek,
          periodsPerDay: facts.grid.periodsPerDay,
          weeks: facts.grid.weeks,
          periods: facts.grid.periods,
        },
        owner,
        items: items(rows.filter(mine), facts),
        undoable: await countUndoableEdits(db, draftId),
      };
    },

    async options(
      actor: Actor,
      draftId: number,
      key: string,
      query: { roomId?: number; day?: number; startPeriod?: number },
      locale: Locale,
    ) {
      requireAccess(actor, 'timetable.manage');
      const { facts, rows } = await load(db, draftId);
      const row = rows.find((r) => r.lectureKey === key);
      if (!row) throw new AppError('not_found', { details: { key: 'not_found' } });
      if (query.roomId !== undefined && !facts.rooms.has(query.roomId))
        throw new AppError('not_found', { details: { roomId: 'not_found' } });
      const slot =
        query.day !== undefined && query.startPeriod !== undefined ? { day: query.day, startPeriod: query.startPeriod } : undefined;
      return computeSlotOptions(
        {
          facts,
          ctx: checkContextOf(facts),
          lectures: rows.map((r) => toCheckLecture(r, facts)),
          names: namesOf(facts, rows),
          key,
          roomId: query.roomId ?? row.roomId,
          locale,
        },
        slot,
      );
    },

    async edit(actor: Actor, draftId: number, input: DraftEditInput): Promise<DraftEditResult> {
      requireAccess(actor, 'timetable.manage');
      return db.transaction(async (tx) => {
        const draft = await claim(tx, draftId, input.version);
        const facts = await loadTermFacts(tx, draft.termId);
        const rows = await findDraftLectures(tx, draftId);
        const byKey = new Map(rows.map((r) => [r.lectureKey, r]));
        const get = (key: string) => {
          const r = byKey.get(key);
          if (!r) throw new AppError('not_found', { details: { key: 'not_found' } });
          return r;
        };
        const locked = (what: 'time' | 'room') =>
          new AppError('draft_edit_locked', { params: { whatZh: what === 'time' ? '时间' : '教室', whatEn: what } });
        let after: LectureState[];
        switch (input.kind) {
          case 'move': {
            const r = get(input.key);
            const roomId = input.roomId === undefined ? r.roomId : input.roomId;
            if (roomId !== null && roomId !== r.roomId && !facts.rooms.has(roomId))
              throw new AppError('reference_not_found', { params: { field: 'roomId' } });
            if (r.lockTime && (r.day !== input.day || r.startPeriod !== input.startPeriod)) throw locked('time');
            if (r.lockRoom && roomId !== r.roomId) throw locked('room');
            after = [{ ...stateOf(r), day: input.day, startPeriod: input.startPeriod, roomId }];
            break;
          }
          case 'swap': {
            const [a, b] = input.keys.map(get);
            if (a.lectureKey === b.lectureKey)
              throw new AppError('validation_failed', { fields: [{ field: 'keys', code: 'invalid_value' }] });
            if (a.lockTime || b.lockTime) throw locked('time');
            const swapRooms = !a.lockRoom && !b.lockRoom;
            after = [
              { ...stateOf(a), day: b.day, startPeriod: b.startPeriod, roomId: swapRooms ? b.roomId : a.roomId },
              { ...stateOf(b), day: a.day, startPeriod: a.startPeriod, roomId: swapRooms ? a.roomId : b.roomId },
            ];
            break;
          }
          case 'weeks': {
            const r = get(input.key);
            after = [{ ...stateOf(r), weekMask: maskOfWeeks(input.weeks) }];
            break;
          }
          case 'lock':
          case 'unlock': {
            const r = get(input.key);
            const both = input.time === undefined && input.room === undefined;
            const value = input.kind === 'lock';
            after = [
              {
                ...stateOf(r),
                lockTime: both || input.time ? value : r.lockTime,
                lockRoom: both || input.room ? value : r.lockRoom,
              },
            ];
            break;
          }
        }
        const before = after.map((s) => stateOf(byKey.get(s.lectureKey)!));
        if (input.kind === 'move' || input.kind === 'swap' || input.kind === 'weeks') {
          const changed = new Map(after.map((s) => [s.lectureKey, s]));
          const next = rows.map((r) => ({ ...r, ...(changed.get(r.lectureKey) ?? {}) }));
          const violations = checkHard(
            next.map((r) => toCheckLecture(r, facts)),
            checkContextOf(facts),
            { focus: new Set(changed.keys()) },
          );
          if (violations.length) throw refusal(violations, namesOf(facts, next));
        }
        await updateLectureStates(tx, draftId, after);
        const editId = await insertDraftEdit(tx, { draftId, kind: input.kind, before, after, actorUserId: actor.userId, at: clock() });
        await writeAudit(tx, actor, {
          action: `timetable_draft_edits.${input.kind}`,
          entityType: 'timetable_draft_edits',
          entityId: editId,
          before: { draftId, lectures: before },
          after: { draftId, version: draft.version, lectures: after },
        });
        const now = await findDraftLectures(tx, draftId);
        const keys = new Set(after.map((s) => s.lectureKey));
        return {
          version: draft.version,
          editId,
          items: items(
            now.filter((r) => keys.has(r.lectureKey)),
            facts,
          ),
          undoable: await countUndoableEdits(tx, draftId),
        };
      });
    },

    /** Takes back the latest edit not undone yet, if the lectures are still as it left them. */
    async undo(actor: Actor, draftId: number, version: number): Promise<DraftEditResult> {
      requireAccess(actor, 'timetable.manage');
      return db.transaction(async (tx) => {
        const draft = await claim(tx, draftId, version);
        const edit = await findLastUndoableEdit(tx, draftId);
        if (!edit) throw new AppError('draft_edit_nothing_to_undo');
        const rows = await findDraftLectures(tx, draftId);
        const byKey = new Map(rows.map((r) => [r.lectureKey, r]));
        const after = edit.after as LectureState[];
        const before = edit.before as LectureState[];
        if (!after.every((s) => byKey.has(s.lectureKey) && sameState(stateOf(byKey.get(s.lectureKey)!), s)))
          throw new AppError('draft_edit_undo_outdated');
        await updateLectureStates(tx, draftId, before);
        await markEditUndone(tx, edit.id, clock());
        await writeAudit(tx, actor, {
          action: 'timetable_draft_edits.undo',
          entityType: 'timetable_draft_edits',
          entityId: edit.id,
          before: { draftId, lectures: after },
          after: { draftId, version: draft.version, lectures: before },
        });
        const facts = await loadTermFacts(tx, draft.termId);
        const now = await findDraftLectures(tx, draftId);
        const keys = new Set(before.map((s) => s.lectureKey));
        return {
          version: draft.version,
          editId: edit.id,
          items: items(
            now.filter((r) => keys.has(r.lectureKey)),
            facts,
          ),
          undoable: await countUndoableEdits(tx, draftId),
        };
      });
    },

    async conflicts(actor: Actor, draftId: number, locale: Locale) {
      requireAccess(actor, 'timetable.manage');
      const { draft, facts, rows } = await load(db, draftId);
      return conflictReportOf(draft, facts, rows, locale);
    },

    /** One page of the room-use summary (computed for the whole draft, fullest first) and all buildings. */
    async roomUse(actor: Actor, draftId: number, page: SummaryPageQuery): Promise<RoomUse> {
      requireAccess(actor, 'timetable.manage');
      const { facts, rows } = await load(db, draftId);
      const all = roomUseOf(facts, rows);
      return { ...all, rooms: pageOf(all.rooms, page), total: all.rooms.length };
    },

    /** One page of the teacher-load summary (busiest first). */
    async teacherLoad(actor: Actor, draftId: number, page: SummaryPageQuery): Promise<TeacherLoad> {
      requireAccess(actor, 'timetable.manage');
      const { facts, rows } = await load(db, draftId);
      const all = teacherLoadOf(facts, rows);
      return { ...all, teachers: pageOf(all.teachers, page), total: all.teachers.length };
    },
  };
}

export type TimetableEditService = ReturnType<typeof createTimetableEditService>;

const pageOf = <T>(items: readonly T[], { page, pageSize }: SummaryPageQuery) => items.slice((page - 1) * pageSize, page * pageSize);
