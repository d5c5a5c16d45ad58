import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CalendarFeedView, FeedInput, FeedOwnerKind } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findExamOccurrences } from '../exams/exam-calendar.read-model.ts';
import { findOrgNames, findStudentAdminClass, findTermGrid } from '../org/org.read-model.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';
import { expandLectures, icsCalendar, type LectureOccurrence } from './ics.expand.ts';
import { toLectureItem } from './lecture-items.ts';
import { addDays, mondayOf } from '../home/school-dates.ts';
import {
  findFeed,
  findFeedsOf,
  findLiveFeedsByTokenPrefix,
  findPublishedTermIds,
  insertFeed,
  revokeFeed,
  revokeFeedsOfOwner,
  touchFeed,
} from './publish.repository.ts';
import { loadTermFacts } from './term-facts.ts';
import { studentHas } from './published.owner.ts';
import { findStudentEnrolledClassIds } from '../selection/selection.read-model.ts';
import { findCurrentVersion, findVersionLectures } from './versions.repository.ts';

const PREFIX = 8;
export const feedPath = (token: string) => `/api/timetable/ics/${token}`;

/** A term stays in feeds until this many days after its last week (calendars keep history). */
const KEEP_DAYS = 200;

/**
 * ICS calendar feeds 日历订阅: a private, revocable address per teacher, student or room.
 * The feed is generated from the version in force on every fetch, so it follows changes.
 */
export function createIcsService({ db, clock }: { db: Db; clock: () => Date }) {
  const userOf = (actor: Actor) => {
    if (actor.kind !== 'user' || actor.userId === null) throw new AppError('forbidden');
    return actor.userId;
  };

  async function ownerName(kind: FeedOwnerKind, id: number) {
    const type = kind === 'teacher' ? 'teachers' : kind === 'student' ? 'students' : 'rooms';
    return (await findOrgNames(db, type, [id]))[0]?.name ?? null;
  }

  /** Teachers and students subscribe to their own timetable; the office to anyone's or a room's. */
  function ownerOf(actor: Actor, input: FeedInput): { kind: FeedOwnerKind; id: number } {
    requireAccess(actor, 'timetable.read');
    const office = actor.permissions['timetable.manage'] !== undefined;
    if (!input.ownerKind) {
      if (actor.teacherId) return { kind: 'teacher', id: actor.teacherId };
      if (actor.studentId) return { kind: 'student', id: actor.studentId };
      throw new AppError('feed_owner_required');
    }
    if (!input.ownerId) throw new AppError('feed_owner_required');
    const mine =
      (input.ownerKind === 'teacher' && input.ownerId === actor.teacherId) ||
      (input.ownerKind === 'student' && input.ownerId === actor.studentId);
    if (!mine && !office) throw new AppError('not_found');
    return { kind: input.ownerKind, id: input.ownerId };
  }

  async function present(rows: Awaited<ReturnType<typeof findFeedsOf>>): Promise<CalendarFeedView[]> {
    return Promise.all(
      rows.map(async (f) => ({
        id: f.id,
        ownerKind: f.ownerKind as FeedOwnerKind,
        ownerId: f.ownerId,
        ownerName: (await ownerName(f.ownerKind as FeedOwnerKind, f.ownerId)) ?? '',
        path: feedPath(f.token),
        createdAt: f.createdAt.toISOString(),
        lastUsedAt: f.lastUsedAt?.toISOString() ?? null,
      })),
    );
  }

  /** The lectures of the owner in every recent term with a published timetable, as occurrences. */
  async function occurrencesOf(kind: FeedOwnerKind, ownerId: number, today: string): Promise<LectureOccurrence[]> {
    const student = kind === 'student' ? await findStudentAdminClass(db, ownerId) : null;
    if (kind === 'student' && !student) return [];
    const out: LectureOccurrence[] = [];
    for (const termId of await findPublishedTermIds(db)) {
      const grid = await findTermGrid(db, termId);
      if (!grid) continue;
      const termEnd = addDays(mondayOf(grid.startDate), grid.weeks * 7);
      if (addDays(termEnd, KEEP_DAYS) < today) continue;
      const version = await findCurrentVersion(db, termId);
      if (!version) continue;
      const facts = await loadTermFacts(db, termId);
      const ownsAsStudent =
        student && studentHas(facts, { ...student, enrolledClassIds: await findStudentEnrolledClassIds(db, student.id, termId) });
      const has = (l: { teacherIds: number[]; roomId: number | null; teachingClassId: number }) =>
        kind === 'teacher' ? l.teacherIds.includes(ownerId) : kind === 'room' ? l.roomId === ownerId : ownsAsStudent!(l);
      const items = (await findVersionLectures(db, version.id)).filter(has).map((l) => toLectureItem(l, facts));
      out.push(...expandLectures(items, { startDate: grid.startDate, weeks: grid.weeks, periods: grid.periods }, 'zh-CN'));
    }
    return out;
  }

  return {
    async list(actor: Actor) {
      requireAccess(actor, 'timetable.read');
      return { items: await present(await findFeedsOf(db, userOf(actor))) };
    },

    /** Creates the feed of an owner, revoking this account's earlier address of the same owner (rotation). */
    async create(actor: Actor, input: FeedInput): Promise<CalendarFeedView> {
      const userId = userOf(actor);
      const owner = ownerOf(actor, input);
      if ((await ownerName(owner.kind, owner.id)) === null) throw new AppError('not_found');
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const revoked = await revokeFeedsOfOwner(tx, userId, owner.kind, owner.id, now);
        const feed = await insertFeed(tx, {
          token: randomBytes(24).toString('base64url'),
          ownerKind: owner.kind,
          ownerId: owner.id,
          createdBy: userId,
          createdAt: now,
        });
        // The token itself is never written to the log: it is the secret.
        await writeAudit(tx, actor, {
          action: 'calendar_feeds.create',
          entityType: 'calendar_feeds',
          entityId: feed.id,
          after: { ownerKind: owner.kind, ownerId: owner.id, replaced: revoked.map((r) => r.id) },
        });
        return feed;
      });
      return (await present([row]))[0];
    },

    async revoke(actor: Actor, id: number) {
      const userId = userOf(actor);
      requireAccess(actor, 'timetable.read');
      await db.transaction(async (tx) => {
        const feed = await findFeed(tx, id);
        if (!feed || feed.createdBy !== userId || feed.revokedAt) throw new AppError('not_found');
        await revokeFeed(tx, id, clock());
        await writeAudit(tx, actor, {
          action: 'calendar_feeds.revoke',
          entityType: 'calendar_feeds',
          entityId: id,
          before: { ownerKind: feed.ownerKind, ownerId: feed.ownerId },
        });
      });
      return { ok: true as const };
    },

    /** The calendar behind a token (no session); unknown or revoked tokens are not found. */
    async ics(token: string): Promise<string> {
      const given = Buffer.from(token);
      const feed = (await findLiveFeedsByTokenPrefix(db, token.slice(0, PREFIX))).find((f) => {
        const stored = Buffer.from(f.token);
        return stored.length === given.length && timingSafeEqual(stored, given);
      });
      if (!feed) throw new AppError('not_found');
      const now = clock();
      const timeZone = await findSchoolTimeZone(db);
      const kind = feed.ownerKind as FeedOwnerKind;
      const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
      const occurrences = await occurrencesOf(kind, feed.ownerId, today);
      // The owner's published exams ride in the same feed, so one subscription holds lectures and exams.
      const exams = await findExamOccurrences(db, { kind, id: feed.ownerId }, addDays(today, -KEEP_DAYS));
      await touchFeed(db, feed.id, now);
      const name = `${(await ownerName(kind, feed.ownerId)) ?? ''} 课表`;
      return icsCalendar(name, [...occurrences, ...exams], timeZone, now);
    },
  };
}

export type IcsService = ReturnType<typeof createIcsService>;
