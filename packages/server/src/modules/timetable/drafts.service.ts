import {
  SOLVE_CONSTRAINT_LABELS,
  SOLVE_CONSTRAINTS,
  solveInput,
  solveSummary,
  resolveInput,
  type CompareView,
  type DraftCreateInput,
  type DraftDetail,
  type DraftItem,
  type DraftPatch,
  type LectureMove,
  type Locale,
  type MovesView,
  type ResolveInput,
  type SolveInput,
  type SolveStarted,
} from '@jiaowu/contracts';
import { draftCreateInput } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { JobKind } from '../../platform/jobs/job-kind.ts';
import { findUserNames } from '../iam/iam.read-model.ts';
import { findCollegeNames } from '../org/org-names.read-model.ts';
import * as repo from './drafts.repository.ts';
import { toLectureItem } from './lecture-items.ts';
import { solveDraftJob, type SolveDraftPayload } from './solve-draft.job.ts';
import { lectureFields, lecturesOfClass, loadTermFacts, type LectureRowLike, type TermFacts } from './term-facts.ts';
import { reasonText, type ReasonWords } from './unplaced-words.ts';
import { findCurrentVersion, findVersion, findVersionLectures } from './versions.repository.ts';

/** The part of the job service drafts use. */
export interface JobsPort {
  enqueue<P>(actor: Actor, kind: JobKind<P>, payload: P): Promise<number>;
  cancel(actor: Actor, id: number): Promise<unknown>;
}

const DAY_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const DAY_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "周一 第1-2节 A101" / "Mon periods 1–2, A101". */
export function spotText(l: { day: number | null; startPeriod: number | null; length: number; roomName: string | null }, locale: Locale) {
  if (l.day === null || l.startPeriod === null) return locale === 'en' ? 'Unplaced' : '未排';
  const end = l.startPeriod + l.length - 1;
  const periods = l.length > 1 ? `${l.startPeriod}-${end}` : `${l.startPeriod}`;
  return locale === 'en'
    ? `${DAY_EN[l.day - 1]} period${l.length > 1 ? 's' : ''} ${periods.replace('-', '–')}${l.roomName ? `, ${l.roomName}` : ''}`
    : `周${DAY_ZH[l.day - 1]} 第${periods}节${l.roomName ? ` ${l.roomName}` : ''}`;
}

/**
 * Throws unless the draft can be changed now: it exists, is a draft (not submitted or
 * published) and no solve is queued or running. Call inside the transaction of the change:
 * the row is locked, so a solve cannot start meanwhile. For the grid's manual edits too.
 */
export async function assertDraftEditable(tx: Tx, draftId: number) {
  const draft = await repo.lockDraft(tx, draftId);
  if (!draft) throw new AppError('not_found');
  if (draft.status !== 'draft') throw new AppError('draft_not_editable');
  const status = await repo.findJobStatus(tx, draft.lastJobId);
  if (status && repo.ACTIVE_JOB_STATUSES.includes(status)) throw new AppError('draft_solving');
  return draft;
}

export function createDraftsService({ db, clock, jobs }: { db: Db; clock: () => Date; jobs: JobsPort }) {
  async function items(rows: Awaited<ReturnType<typeof repo.findDrafts>>): Promise<DraftItem[]> {
    const counts = await repo.countLectures(
      db,
      rows.map((r) => r.id),
    );
    const jobsById = await repo.findJobsByIds(
      db,
      rows.map((r) => r.lastJobId).filter((x): x is number => x !== null),
    );
    const names = await findUserNames(
      db,
      rows.map((r) => r.createdBy).filter((x): x is number => x !== null),
    );
    return rows.map((d) => {
      const job = d.lastJobId === null ? null : (jobsById.get(d.lastJobId) ?? null);
      const summary = d.solveSummary ? solveSummary.safeParse(d.solveSummary) : null;
      return {
        id: d.id,
        termId: d.termId,
        name: d.name,
        status: d.status as DraftItem['status'],
        version: d.version,
        basedOnVersionId: d.basedOnVersionId,
        solveSummary: summary?.success ? summary.data : null,
        placed: counts.get(d.id)?.placed ?? 0,
        total: counts.get(d.id)?.total ?? 0,
        lastJob: job,
        solving: !!job && repo.ACTIVE_JOB_STATUSES.includes(job.status),
        createdByName: d.createdBy === null ? null : (names.get(d.createdBy) ?? null),
        createdAt: d.createdAt.toISOString(),
        updatedAt: d.updatedAt.toISOString(),
      };
    });
  }

  async function loadDraft(id: number) {
    const row = await repo.findDraft(db, id);
    if (!row) throw new AppError('not_found');
    return row;
  }

  /** Rows of a new draft: every lecture of the term unplaced, or a copy of a draft or of the published version. */
  async function startingLectures(tx: Tx, termId: number, from: DraftCreateInput['from'], facts: TermFacts) {
    const source = from ?? { kind: 'empty' as const };
    if (source.kind === 'empty') {
      const lectures = [...facts.classes.values()].flatMap(lecturesOfClass);
      if (lectures.length === 0) throw new AppError('term_has_no_classes');
      return { lectures: lectures.map((l) => ({ ...l, lockTime: false, lockRoom: false })), basedOnVersionId: null };
    }
    if (source.kind === 'draft') {
      const other = await repo.findDraft(tx, source.draftId);
      if (!other || other.termId !== termId) throw new AppError('not_found', { details: { draftId: 'not_found' } });
      const rows = await repo.findDraftLectures(tx, source.draftId);
      return { lectures: rows, basedOnVersionId: other.basedOnVersionId };
    }
    const version = await findCurrentVersion(tx, termId);
    if (!version) throw new AppError('no_published_timetable');
    const rows = await findVersionLectures(tx, version.id);
    return { lectures: rows.map((r) => ({ ...r, lockTime: false, lockRoom: false })), basedOnVersionId: version.id };
  }

  async function create(actor: Actor, raw: DraftCreateInput, extra: { basedOnPublished?: boolean } = {}) {
    requireAccess(actor, 'timetable.manage');
    const input = draftCreateInput.parse(raw);
    const facts = await loadTermFacts(db, input.termId);
    const id = await db.transaction(async (tx) => {
      const { lectures, basedOnVersionId } = await startingLectures(
        tx,
        input.termId,
        extra.basedOnPublished ? { kind: 'published' } : input.from,
        facts,
      );
      const draft = await repo.insertDraft(tx, { termId: input.termId, name: input.name, basedOnVersionId, createdBy: actor.userId });
      await repo.replaceDraftLectures(
        tx,
        draft.id,
        lectures.map((l) => ({
          ...lectureFields(l),
          kind: (l as { kind?: string }).kind ?? 'regular',
          lockTime: (l as { lockTime?: boolean }).lockTime ?? false,
          lockRoom: (l as { lockRoom?: boolean }).lockRoom ?? false,
        })),
      );
      await writeAudit(tx, actor, {
        action: 'timetable_drafts.create',
        entityType: 'timetable_drafts',
        entityId: draft.id,
        after: {
          termId: input.termId,
          name: input.name,
          from: extra.basedOnPublished ? 'published' : input.from.kind,
          lectures: lectures.length,
        },
      });
      return draft.id;
    });
    return (await items([await loadDraft(id)]))[0];
  }

  /** Enqueues a solve and records it on the draft; a second solve at once gets `draft_solving`. */
  async function startSolve(actor: Actor, draftId: number, p: Omit<SolveDraftPayload, 'draftId'>): Promise<SolveStarted> {
    const jobId = await jobs.enqueue(actor, solveDraftJob, { draftId, ...p });
    try {
      await db.transaction(async (tx) => {
        await assertDraftEditable(tx, draftId);
        await repo.updateDraft(tx, draftId, { lastJobId: jobId }, clock());
      });
    } catch (e) {
      await jobs.cancel(actor, jobId).catch(() => undefined);
      throw e;
    }
    return { jobId, draftId };
  }

  function moveOf(
    key: string,
    a: LectureRowLike | undefined,
    b: LectureRowLike | undefined,
    facts: TermFacts,
    locale: Locale,
  ): LectureMove | null {
    const spot = (l: LectureRowLike | undefined) => {
      if (!l) return null;
      const roomName = l.roomId === null ? null : (facts.rooms.get(l.roomId)?.name ?? null);
      return { day: l.day, startPeriod: l.startPeriod, roomId: l.roomId, roomName, text: spotText({ ...l, roomName }, locale) };
    };
    const sameTime = a && b && a.day === b.day && a.startPeriod === b.startPeriod;
    if (sameTime && a.roomId === b.roomId) return null;
    const lecture = b ?? a;
    if (!lecture || !facts.classes.has(lecture.teachingClassId)) return null;
    const kind: LectureMove['kind'] = !a || a.day === null ? 'added' : !b || b.day === null ? 'unplaced' : sameTime ? 'room' : 'time';
    if (kind === 'added' && (!b || b.day === null)) return null;
    return {
      key,
      lecture: toLectureItem(lecture, facts),
      from: spot(a?.day === null ? undefined : a),
      to: spot(b?.day === null ? undefined : b),
      kind,
    };
  }

  function movesBetween(before: readonly LectureRowLike[], after: readonly LectureRowLike[], facts: TermFacts, locale: Locale) {
    const a = new Map(before.map((l) => [l.lectureKey, l]));
    const b = new Map(after.map((l) => [l.lectureKey, l]));
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
    return keys.map((k) => moveOf(k, a.get(k), b.get(k), facts, locale)).filter((m): m is LectureMove => m !== null);
  }

  return {
    async list(actor: Actor, termId: number): Promise<{ items: DraftItem[] }> {
      requireAccess(actor, 'timetable.manage');
      return { items: await items(await repo.findDrafts(db, termId)) };
    },

    async get(actor: Actor, id: number, locale: Locale): Promise<DraftDetail> {
      requireAccess(actor, 'timetable.manage');
      const row = await loadDraft(id);
      const [item] = await items([row]);
      const facts = await loadTermFacts(db, row.termId);
      const rows = (await repo.findDraftLectures(db, id)).filter((r) => facts.classes.has(r.teachingClassId));
      const lectures = rows.map((r) => toLectureItem(r, facts));
      const unplaced = rows
        .map((r, i) => ({ r, lecture: lectures[i] }))
        .filter(({ r }) => r.day === null || r.startPeriod === null)
        .map(({ r, lecture }) => {
          const stored = (r.unplacedReasons as ReasonWords[] | null) ?? [];
          const reasons = stored.length
            ? stored.map((x) => ({ code: x.code, message: reasonText(x, locale) }))
            : [{ code: 'NOT_SOLVED', message: locale === 'en' ? 'Not solved yet' : '尚未求解' }];
          return { lecture, reasons };
        });
      return { ...item, lectures, unplaced };
    },

    create: (actor: Actor, raw: DraftCreateInput) => create(actor, raw),

    async rename(actor: Actor, id: number, patch: DraftPatch): Promise<DraftItem> {
      requireAccess(actor, 'timetable.manage');
      await db.transaction(async (tx) => {
        const before = await assertDraftEditable(tx, id);
        if (patch.version !== undefined && patch.version !== before.version) throw new AppError('stale');
        await repo.bumpDraft(tx, id, { name: patch.name }, clock());
        await writeAudit(tx, actor, {
          action: 'timetable_drafts.update',
          entityType: 'timetable_drafts',
          entityId: id,
          before: { name: before.name },
          after: { name: patch.name },
        });
      });
      return (await items([await loadDraft(id)]))[0];
    },

    async remove(actor: Actor, id: number) {
      requireAccess(actor, 'timetable.manage');
      await db.transaction(async (tx) => {
        const before = await assertDraftEditable(tx, id);
        await repo.deleteDraft(tx, id);
        await writeAudit(tx, actor, {
          action: 'timetable_drafts.delete',
          entityType: 'timetable_drafts',
          entityId: id,
          before: { termId: before.termId, name: before.name },
        });
      });
    },

    async solve(actor: Actor, id: number, raw: SolveInput): Promise<SolveStarted> {
      requireAccess(actor, 'timetable.manage');
      const input = solveInput.parse(raw);
      await loadDraft(id);
      return startSolve(actor, id, {
        mode: 'solve',
        seed: input.seed ?? Math.floor(Math.random() * 1_000_000),
        timeLimitMs: input.timeLimitSeconds * 1000,
        keepPlaced: input.keepPlaced,
      });
    },

    /** A new draft from the published timetable, re-solved moving as few lectures as possible. */
    async resolve(actor: Actor, raw: ResolveInput, locale: Locale): Promise<SolveStarted> {
      requireAccess(actor, 'timetable.manage');
      const input = resolveInput.parse(raw);
      const version = await findCurrentVersion(db, input.termId);
      if (!version) throw new AppError('no_published_timetable');
      const name = locale === 'en' ? `Re-solve of version ${version.versionNo}` : `第 ${version.versionNo} 版重排`;
      const draft = await create(actor, { termId: input.termId, name, from: { kind: 'published' } }, { basedOnPublished: true });
      return startSolve(actor, draft.id, { mode: 'resolve', seed: 1, timeLimitMs: input.timeLimitSeconds * 1000, keepPlaced: true });
    },

    /** Lectures of the draft placed differently from the published version it is based on (or the current one). */
    async moves(actor: Actor, id: number, locale: Locale): Promise<MovesView> {
      requireAccess(actor, 'timetable.manage');
      const draft = await loadDraft(id);
      const version = draft.basedOnVersionId ? await findVersion(db, draft.basedOnVersionId) : await findCurrentVersion(db, draft.termId);
      const facts = await loadTermFacts(db, draft.termId);
      const before = version ? await findVersionLectures(db, version.id) : [];
      const after = await repo.findDraftLectures(db, id);
      return { draftId: id, basedOnVersionId: version?.id ?? null, items: movesBetween(before, after, facts, locale) };
    },

    async compare(actor: Actor, ids: number[], locale: Locale): Promise<CompareView> {
      requireAccess(actor, 'timetable.manage');
      const unique = [...new Set(ids)];
      const rows = await Promise.all(unique.map(loadDraft));
      const termId = rows[0].termId;
      if (rows.some((r) => r.termId !== termId)) throw new AppError('validation_failed', { details: { ids: 'other_term' } });
      const list = await items(rows);
      const facts = await loadTermFacts(db, termId);
      const lectures = await Promise.all(unique.map((id) => repo.findDraftLectures(db, id)));
      const collegeIds = [...new Set([...facts.classes.values()].map((c) => c.collegeId))].sort((a, b) => a - b);
      const colleges = await findCollegeNames(db, collegeIds);
      return {
        drafts: list.map((d) => ({
          id: d.id,
          name: d.name,
          placed: d.placed,
          total: d.total,
          hard: d.solveSummary?.hard ?? d.total - d.placed,
          soft: d.solveSummary?.soft ?? null,
          solved: d.solveSummary !== null,
        })),
        byConstraint: SOLVE_CONSTRAINTS.map((key) => ({
          key,
          label: SOLVE_CONSTRAINT_LABELS[key][locale],
          values: list.map((d) => d.solveSummary?.byConstraint[key] ?? null),
        })),
        byCollege: collegeIds.map((collegeId) => ({
          collegeId,
          collegeName: colleges.get(collegeId) ?? '',
          values: lectures.map((ls, i) => {
            const mine = ls.filter((l) => facts.classes.get(l.teachingClassId)?.collegeId === collegeId);
            return {
              placed: mine.filter((l) => l.day !== null).length,
              total: mine.length,
              soft: list[i].solveSummary?.byCollege.find((c) => c.collegeId === collegeId)?.soft ?? null,
            };
          }),
        })),
        moves: lectures.slice(1).map((ls, i) => {
          const items = movesBetween(lectures[0], ls, facts, locale);
          return { otherId: unique[i + 1], count: items.length, items: items.slice(0, 200) };
        }),
      };
    },
  };
}

export type DraftsService = ReturnType<typeof createDraftsService>;
