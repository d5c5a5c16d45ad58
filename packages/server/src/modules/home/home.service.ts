import type { HomeCharts, HomeDeadline, HomeNumbers, HomeTerm, HomeView, Locale, Permission } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { hasPermission, scopeOf, type Actor } from '../../platform/access.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { OfferingsService } from '../offerings/offerings.service.ts';
import type { OrgService } from '../org/org.service.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';
import { findStudentOpenRounds } from '../selection/selection.read-model.ts';
import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';
import { buildCharts } from './home.charts.ts';
import { addDays, schoolDate, teachingWeek } from './school-dates.ts';

/** How many waiting approvals, own applications and notifications the page lists (the rest is one click away). */
const FIRST_FEW = 5;

export interface HomeDeps {
  db: Db;
  clock: () => Date;
  org: OrgService;
  offerings: OfferingsService;
  workflow: WorkflowService;
  notifications: NotificationService;
}

/** The deps with the school's time zone of this request (which day and teaching week it is; a setting). */
export type ZonedHomeDeps = HomeDeps & { timeZone: string };

interface TermRow {
  id: number;
  code: string;
  name: string;
  startDate: string;
  weeks: number;
  isCurrent: boolean;
}

/**
 * The home page in one request: every section comes from its owner's
 * service or read model in the caller's data scope, and a section the caller
 * may not read is left out (null), not shown as zero.
 */
export function createHomeService(deps: HomeDeps) {
  const { org, offerings, workflow, notifications } = deps;

  async function readTerms(actor: Actor): Promise<TermRow[]> {
    if (!hasPermission(actor, 'org.read')) return [];
    const { items } = await org.resources.terms.list(actor, { pageSize: 100, sort: 'startDate', order: 'desc' }, {});
    return items as unknown as TermRow[];
  }

  /** A total of a list the caller may read beyond their own record (a student's own record is no school figure). */
  async function total(actor: Actor, permission: Permission, list: () => Promise<{ total: number }>): Promise<number | null> {
    const scope = actor.permissions[permission];
    if (!scope || scope === 'self') return null;
    return (await list()).total;
  }

  async function numbers(actor: Actor, termId: number | null): Promise<HomeNumbers | null> {
    const one = { pageSize: 1 };
    const term = termId ? { termId } : {};
    const [students, teachers, teachingClasses, requests] = await Promise.all([
      total(actor, 'students.read', () => org.resources.students.list(actor, one, {})),
      total(actor, 'teachers.read', () => org.resources.teachers.list(actor, one, {})),
      total(actor, 'offerings.read', () => offerings.listClasses(actor, one, term)),
      total(actor, 'offerings.read', () => offerings.list(actor, one, term)),
    ]);
    if ([students, teachers, teachingClasses, requests].every((n) => n === null)) return null;
    const rooms = await total(actor, 'org.read', () => org.resources.rooms.list(actor, one, {}));
    return { students, teachers, rooms, teachingClasses, requests };
  }

  /** Dashboards show every college: only for readers of the whole school. */
  const readsWholeSchool = (actor: Actor) =>
    (['workflow.metrics', 'offerings.read', 'students.read'] as const).every((p) => scopeOf(actor, p).kind === 'all');

  return {
    async home(actor: Actor, locale: Locale): Promise<HomeView> {
      const now = deps.clock();
      const zoned: ZonedHomeDeps = { ...deps, timeZone: await findSchoolTimeZone(deps.db) };
      const today = schoolDate(now, zoned.timeZone);
      const isUser = actor.kind === 'user' && actor.userId !== null;
      const terms = await readTerms(actor);
      const current = terms.find((t) => t.isCurrent) ?? null;
      const term: HomeTerm | null = current && {
        id: current.id,
        code: current.code,
        name: current.name,
        startDate: current.startDate,
        endDate: addDays(current.startDate, current.weeks * 7 - 1),
        weeks: current.weeks,
        week: teachingWeek(current.startDate, current.weeks, today),
      };
      const [counts, waiting, mine, unread, latest, figures, charts, isApprover] = await Promise.all([
        workflow.inboxCounts(actor),
        isUser ? workflow.inbox(actor, { box: 'waiting', page: 1, pageSize: FIRST_FEW }, locale) : { items: [], total: 0 },
        isUser ? workflow.inbox(actor, { box: 'mine', page: 1, pageSize: FIRST_FEW }, locale) : { items: [], total: 0 },
        isUser ? notifications.unreadCount(actor) : { count: 0 },
        isUser ? notifications.list(actor, { page: 1, pageSize: FIRST_FEW }, locale) : { items: [], total: 0 },
        numbers(actor, term?.id ?? null),
        term && readsWholeSchool(actor) ? buildCharts(zoned, term, now) : Promise.resolve<HomeCharts | null>(null),
        isUser ? workflow.isApprover(actor).then((r) => r.isApprover) : false,
      ]);

      const deadlines: HomeDeadline[] = waiting.items
        .filter((i) => i.dueAt)
        .map((i) => ({ kind: 'task', at: i.dueAt!, title: `${i.flowName} · ${i.title}`, link: i.link, isOverdue: i.isOverdue }));
      for (const i of mine.items)
        if (i.state === 'pending' && i.dueAt)
          deadlines.push({ kind: 'review', at: i.dueAt, title: `${i.flowName} · ${i.title}`, link: i.link, isOverdue: i.isOverdue });
      if (term && term.week !== null)
        deadlines.push({ kind: 'term_end', at: term.endDate, title: term.name, link: null, isOverdue: false });
      const next = terms.filter((t) => t.startDate > today).sort((a, b) => a.startDate.localeCompare(b.startDate))[0];
      if (next) deadlines.push({ kind: 'term_start', at: next.startDate, title: next.name, link: null, isOverdue: false });

      // Soonest first (an overdue one first of all); ISO date-times and dates compare as text.
      deadlines.sort((a, b) => a.at.localeCompare(b.at));
      return {
        term,
        waiting: { count: counts.waiting, overdue: counts.overdue, items: waiting.items, isApprover: isApprover || counts.waiting > 0 },
        mine: { count: mine.total, items: mine.items },
        deadlines,
        notifications: { unread: unread.count, latest: latest.items },
        numbers: figures,
        charts,
        selection: actor.studentId !== null && term ? await findStudentOpenRounds(deps.db, actor.studentId, term.id, now) : null,
      };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
