import { z } from 'zod';

/**
 * Every permission the server checks. A role grants a permission together with
 * a data scope; the repository narrows queries by that scope.
 */
export const PERMISSIONS = [
  'org.read', // terms, time grid, campuses, buildings, rooms, colleges, departments, majors, admin classes
  'org.manage',
  'teachers.read',
  'teachers.manage',
  'students.read',
  'students.manage',
  'imports.run',
  'audit.read', // the whole audit log and its chain check
  'audit.read_academic', // the audit log of the academic domain (ACADEMIC_AUDIT_ENTITIES)
  'users.manage', // users, roles, API tokens
  'accounts.manage', // accounts of students and teachers: initial password policy, resets, disable/enable
  'settings.manage', // mail server, outbox, system settings
  'catalog.read', // courses, curriculum plans 培养方案
  'catalog.manage',
  'offerings.read', // course requests 开课申请, teaching classes 教学班
  'offerings.file', // file and submit course requests
  'workflow.manage', // edit approval flows
  'workflow.metrics', // process metrics of approval flows
  'workflow.read', // read approval flow definitions and diagrams
  'timetable.read', // published timetables 课表 (own, own classes, college or all by scope), ICS feeds, free rooms
  'timetable.manage', // timetable drafts 排课方案: settings, solve, edit, submit for publication
  'timetable.change', // file change requests 调课/停课/补课/代课 for lectures in scope
  'rooms.book', // book a free room for an event 教室借用
  'selection.read', // selection rounds and notices 选课轮次; own selection (self), rosters 点名册 of own classes (teaching) or college
  'selection.take', // select, drop, swap, waitlist 选课/退选/换课/候补 for oneself (students)
  'selection.manage', // rounds, draw, lock, office enrol/drop, capacity, dashboard 选课管理
  'selection.holds', // set and lift selection holds 选课限制 (an administrator, or the finance system's API token)
  'exams.read', // exam plans and schedules 考试安排: own exams and seats (self), own classes' exams and invigilation duties (teaching), college or all
  'exams.manage', // exam plans, scheduling, rooms, seats, invigilators, publication 考务管理
  'exams.papers', // exam papers and their chain of custody 试卷流转: own courses' papers (teaching), college or all
  'exams.defer', // apply for a deferred exam 缓考申请 (self)
  'exams.incidents', // record exam incidents 考场违纪 in rooms one invigilates (teaching), review them (all)
  'grades.read', // grades 成绩: own (self), own classes' sheets (teaching), college or all
  'grades.enter', // enter, submit and ask to correct the grades of own classes 成绩录入/更正申请 (teaching)
  'grades.manage', // publish grades, grade rules, historical import, transcripts of anyone, revocation 成绩管理
  'grades.analysis', // grade analysis and the academic-risk list 成绩分析/学业预警: own classes, college or all
  'grades.transcript', // issue a transcript or certificate 成绩单: own (self), college or all
] as const;
export const permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permission>;

/**
 * Permissions that come with another, at its scope: the whole audit log
 * includes its academic part, so a role or token given `audit.read` reads
 * the log page (which asks for `audit.read_academic`) without a second grant.
 */
export const IMPLIED_PERMISSIONS: Partial<Record<Permission, Permission[]>> = { 'audit.read': ['audit.read_academic'] };

/** Data scopes, from widest to narrowest. */
export const SCOPES = ['all', 'college', 'department', 'teaching', 'self'] as const;
export const scope = z.enum(SCOPES);
export type Scope = z.infer<typeof scope>;

/** The built-in roles of PRODUCT.md. */
export const BUILTIN_ROLES = ['admin', 'office', 'secretary', 'teacher', 'student', 'leader'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

export const grant = z.object({ permission, scope });
export type Grant = z.infer<typeof grant>;

/** Effective permissions of a user: permission → widest scope granted, plus anchors. */
export const effectivePermissions = z.record(z.string(), scope);
export type EffectivePermissions = Partial<Record<Permission, Scope>>;
