import type { Locale } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { findCourseNames, findPlanNames } from '../../modules/catalog/catalog.read-model.ts';
import { findRoleNamesByIds, findUserNames } from '../../modules/iam/iam.read-model.ts';
import { findRequestRefs, findTeachingClassNames } from '../../modules/offerings/offerings.read-model.ts';
import { ORG_NAMED_TYPES, findOrgNames, type OrgNamedType } from '../../modules/org/org.read-model.ts';

/** Entity types whose records the audit page names (what ids in a diff point at). */
export type RefType = OrgNamedType | 'courses' | 'curriculum_plans' | 'course_requests' | 'teaching_classes' | 'users' | 'roles';

/** `type:id` → the words a person knows the record by. */
export type Names = Map<string, string>;
export const refKey = (type: string, id: unknown) => `${type}:${String(id)}`;

const isOrg = (t: RefType): t is OrgNamedType => (ORG_NAMED_TYPES as string[]).includes(t);

/** People are named with their number (张伟（T20100001）), places and units by name, courses by code and name. */
function orgName(type: OrgNamedType, r: { code: string; name: string }, locale: Locale) {
  if (type === 'teachers' || type === 'students') return locale === 'en' ? `${r.name} (${r.code})` : `${r.name}（${r.code}）`;
  if (type === 'terms') return r.name || r.code;
  return r.name;
}

/**
 * Resolves the names behind ids through each owner's read model: one query
 * per entity type for the whole page. Course requests and plans are named
 * after what they point at, so those refs are resolved in a second round.
 */
export async function resolveNames(db: Db, wanted: Map<RefType, Set<number>>, locale: Locale): Promise<Names> {
  const names: Names = new Map();
  const ids = (t: RefType) => [...(wanted.get(t) ?? [])];
  const want = (t: RefType, id: number | null | undefined) => {
    if (id == null) return;
    if (!wanted.has(t)) wanted.set(t, new Set());
    wanted.get(t)!.add(id);
  };
  const [requests, plans] = await Promise.all([findRequestRefs(db, ids('course_requests')), findPlanNames(db, ids('curriculum_plans'))]);
  for (const r of requests) {
    want('courses', r.courseId);
    want('terms', r.termId);
  }
  for (const p of plans) want('majors', p.majorId);

  const orgTypes = [...wanted.keys()].filter(isOrg);
  const [orgRows, courses, classes, users, roles] = await Promise.all([
    Promise.all(orgTypes.map(async (t) => ({ t, rows: await findOrgNames(db, t, ids(t)) }))),
    findCourseNames(db, ids('courses')),
    findTeachingClassNames(db, ids('teaching_classes')),
    findUserNames(db, ids('users')),
    findRoleNamesByIds(db, ids('roles')),
  ]);
  for (const { t, rows } of orgRows) for (const r of rows) names.set(refKey(t, r.id), orgName(t, r, locale));
  for (const c of courses) names.set(refKey('courses', c.id), `${c.code} ${c.name}`);
  for (const c of classes) names.set(refKey('teaching_classes', c.id), c.code);
  for (const [id, name] of users) names.set(refKey('users', id), name);
  for (const r of roles) names.set(refKey('roles', r.id), locale === 'en' ? r.nameEn : r.nameZh);
  for (const r of requests) {
    const course = names.get(refKey('courses', r.courseId));
    const term = names.get(refKey('terms', r.termId));
    if (course)
      names.set(refKey('course_requests', r.id), term ? (locale === 'en' ? `${course} (${term})` : `${course}（${term}）`) : course);
  }
  for (const p of plans) {
    const major = names.get(refKey('majors', p.majorId));
    names.set(refKey('curriculum_plans', p.id), p.name ?? (major ? `${major} ${p.cohort}` : String(p.cohort)));
  }
  return names;
}
