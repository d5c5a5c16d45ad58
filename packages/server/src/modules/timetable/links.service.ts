import { sessionsText, type LinkClassItem, type LinkInput, type LinkItem, type SettingsIssue } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { deleteLink, findLink, insertLink, lockTermLinks } from './settings.repository.ts';
import { loadTermFacts, type TermFacts } from './term-facts.ts';

const sameSessions = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function classItem(facts: TermFacts, id: number): LinkClassItem | null {
  const c = facts.classes.get(id);
  if (!c) return null;
  return {
    id: c.id,
    code: c.code,
    courseName: c.course.name,
    courseNameEn: c.course.nameEn,
    collegeId: c.collegeId,
    sessions: c.sessions,
    teacherNames: c.teacherIds.map((t) => facts.teachers.get(t)?.name ?? ''),
    capacity: c.capacity,
  };
}

/**
 * Linked classes 同时上课: teaching classes of a term that must meet at one time (体育分项,
 * all sections of a course). A class is in one group at most, and all of a group's classes
 * have the same weekly sessions — otherwise no time could be shared, and the solver would fail.
 */
export function createLinksService({ db }: { db: Db }) {
  return {
    async list(actor: Actor, termId: number): Promise<LinkItem[]> {
      requireAccess(actor, 'timetable.manage');
      const facts = await loadTermFacts(db, termId);
      return facts.links
        .sort((a, b) => a.id - b.id)
        .map((l) => ({
          id: l.id,
          name: l.name,
          teachingClasses: l.teachingClassIds.map((id) => classItem(facts, id)).filter((x): x is LinkClassItem => x !== null),
          createdAt: l.createdAt.toISOString(),
        }));
    },

    /** Teaching classes of the term matching a code, course name or teacher, a page at a time. */
    async searchClasses(actor: Actor, q: { termId: number; q?: string; page: number; pageSize: number }) {
      requireAccess(actor, 'timetable.manage');
      const facts = await loadTermFacts(db, q.termId);
      const needle = q.q?.trim().toLowerCase();
      const all = [...facts.classes.keys()]
        .map((id) => classItem(facts, id)!)
        .filter(
          (c) =>
            !needle ||
            c.code.toLowerCase().includes(needle) ||
            c.courseName.toLowerCase().includes(needle) ||
            (c.courseNameEn ?? '').toLowerCase().includes(needle) ||
            c.teacherNames.some((n) => n.toLowerCase().includes(needle)),
        );
      const linkOf = new Map(facts.links.flatMap((l) => l.teachingClassIds.map((id) => [id, l.name] as const)));
      const start = (q.page - 1) * q.pageSize;
      return {
        items: all.slice(start, start + q.pageSize).map((c) => ({ ...c, linkName: linkOf.get(c.id) ?? null })),
        total: all.length,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async create(actor: Actor, input: LinkInput): Promise<LinkItem> {
      requireAccess(actor, 'timetable.manage');
      return db.transaction(async (tx) => {
        await lockTermLinks(tx, input.termId);
        const facts = await loadTermFacts(tx, input.termId);
        const issues: SettingsIssue[] = [];
        const seen = new Set<number>();
        const taken = new Map(facts.links.flatMap((l) => l.teachingClassIds.map((id) => [id, l.name] as const)));
        const first = facts.classes.get(input.teachingClassIds[0]);
        input.teachingClassIds.forEach((id, i) => {
          const c = facts.classes.get(id);
          const field = `teachingClassIds.${i}`;
          if (!c) return void issues.push({ field, code: 'tt_link_class_term', params: { row: i + 1 } });
          if (seen.has(id)) return void issues.push({ field, code: 'tt_link_duplicate', params: { code: c.code } });
          seen.add(id);
          const name = taken.get(id);
          if (name !== undefined) return void issues.push({ field, code: 'tt_link_taken', params: { code: c.code, name } });
          if (first && !sameSessions(c.sessions, first.sessions))
            issues.push({
              field,
              code: 'tt_link_sessions',
              params: { code: c.code, sessions: sessionsText(c.sessions), first: first.code, firstSessions: sessionsText(first.sessions) },
            });
        });
        if (issues.length) throw new AppError('validation_failed', { fields: issues });
        const row = await insertLink(tx, input.termId, input.name, input.teachingClassIds);
        await writeAudit(tx, actor, { action: 'timetable_links.create', entityType: 'timetable_links', entityId: row.id, after: row });
        return {
          id: row.id,
          name: row.name,
          teachingClasses: row.teachingClassIds.map((id) => classItem(facts, id)!),
          createdAt: row.createdAt.toISOString(),
        };
      });
    },

    async remove(actor: Actor, id: number): Promise<void> {
      requireAccess(actor, 'timetable.manage');
      await db.transaction(async (tx) => {
        const row = await findLink(tx, id);
        if (!row) throw new AppError('not_found');
        await lockTermLinks(tx, row.termId);
        if (!(await deleteLink(tx, id))) throw new AppError('not_found');
        await writeAudit(tx, actor, { action: 'timetable_links.delete', entityType: 'timetable_links', entityId: id, before: row });
      });
    },
  };
}
export type LinksService = ReturnType<typeof createLinksService>;
