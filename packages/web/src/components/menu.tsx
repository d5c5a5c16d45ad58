import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  FileDoneOutlined,
  FormOutlined,
  BellOutlined,
  BankOutlined,
  HomeOutlined,
  IdcardOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  TrophyOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { RESOURCES, type Permission, type ResourceKey, type Scope } from '@jiaowu/contracts';
import type { Labels } from '../i18n/labels.ts';

export interface MenuEntry {
  key: string;
  label: string;
  icon?: ReactNode;
  children?: MenuEntry[];
}

const ORG: ResourceKey[] = ['terms', 'campuses', 'buildings', 'rooms', 'colleges', 'departments', 'majors', 'adminClasses'];
const PEOPLE: ResourceKey[] = ['teachers', 'students'];

/** Whether a resource's list page is offered: a `self` scope is served by the profile page instead. */
export function canBrowse(scopeOf: (p: Permission) => Scope | undefined, key: ResourceKey): boolean {
  const scope = scopeOf(RESOURCES[key].read);
  return scope !== undefined && scope !== 'self';
}

/** The menu a user sees: only entries they may use. */
export function buildMenu(opts: {
  t: TFunction;
  labels: Labels;
  scopeOf: (p: Permission) => Scope | undefined;
  isStudent: boolean;
  /** Whether the user approves anything (GET /api/workflow/approver). */
  isApprover?: boolean;
}): MenuEntry[] {
  const { t, labels, scopeOf, isStudent } = opts;
  const can = (p: Permission) => scopeOf(p) !== undefined;
  const res = (keys: ResourceKey[]) =>
    keys.filter((k) => canBrowse(scopeOf, k)).map((k) => ({ key: `/${RESOURCES[k].path}`, label: labels.resource(k) }));
  const items: MenuEntry[] = [{ key: '/', label: t('menu.home'), icon: <HomeOutlined /> }];
  // Everyone has a /me: a student's 学籍, a teacher's staff record, or the account alone.
  items.push({ key: '/me', label: isStudent ? t('menu.profile') : t('pagesx.me.title'), icon: <IdcardOutlined /> });
  // Students hold org.read only so that rooms and terms can be named on their
  // own pages; the organisation lists are staff tools and stay out of their menu.
  const org = isStudent ? [] : res(ORG);
  if (org.length) items.push({ key: 'org', label: t('menu.org'), icon: <BankOutlined />, children: org });
  const people = res(PEOPLE);
  if (people.length) items.push({ key: 'people', label: t('menu.people'), icon: <TeamOutlined />, children: people });
  const teaching: MenuEntry[] = [];
  if (can('catalog.read')) teaching.push({ key: '/courses', label: t('menu2.courses') }, { key: '/plans', label: t('menu2.plans') });
  if (can('offerings.read'))
    teaching.push({ key: '/course-requests', label: t('menu2.requests') }, { key: '/teaching-classes', label: t('menu2.classes') });
  if (teaching.length) items.push({ key: 'teaching', label: t('menu2.teaching'), icon: <BookOutlined />, children: teaching });
  // 课表: students and teachers read their own; the office, secretaries and leaders search any in scope.
  const timetableScope = scopeOf('timetable.read');
  const timetableView: MenuEntry[] = [];
  if (timetableScope === 'self' || timetableScope === 'teaching')
    timetableView.push({ key: '/timetable/mine', label: t('ttview.menu.mine') });
  if (timetableScope === 'all' || timetableScope === 'college')
    timetableView.push({ key: '/timetable/query', label: t('ttview.menu.query') });
  if (timetableView.length)
    items.push({ key: 'timetable-view', label: t('ttview.menu.group'), icon: <ScheduleOutlined />, children: timetableView });
  // 排课: what the office sets before a solve, and each teacher's own time preferences.
  const timetable: MenuEntry[] = [];
  if (can('timetable.manage'))
    timetable.push(
      { key: '/timetable/drafts', label: t('ttsolve.menuDrafts') },
      { key: '/timetable/settings', label: t('ttsettings.menu.settings') },
      { key: '/timetable/links', label: t('ttsettings.menu.links') },
      { key: '/timetable/readiness', label: t('ttsettings.menu.readiness') },
    );
  if (can('timetable.change'))
    timetable.push({
      key: '/timetable/availability',
      label: scopeOf('timetable.change') === 'teaching' ? t('ttsettings.menu.availabilityOwn') : t('ttsettings.menu.availability'),
    });
  if (timetable.length)
    items.push({ key: 'timetable', label: t('ttsettings.menu.group'), icon: <CalendarOutlined />, children: timetable });
  // 调课与教室: free rooms for everyone who reads timetables, bookings for the office, change requests for teachers and secretaries.
  const ttchange: MenuEntry[] = [];
  if (can('timetable.read') && !isStudent) ttchange.push({ key: '/timetable/rooms/free', label: t('ttchange.menuFree') });
  if (can('rooms.book')) ttchange.push({ key: '/timetable/bookings', label: t('ttchange.menuBookings') });
  if (can('timetable.change')) ttchange.push({ key: '/timetable/changes', label: t('ttchange.menuChanges') });
  if (scopeOf('timetable.change') === 'all') ttchange.push({ key: '/timetable/changes/stats', label: t('ttchange.menuStats') });
  if (ttchange.length) items.push({ key: 'ttchange', label: t('ttchange.menu'), icon: <SwapOutlined />, children: ttchange });
  if (can('selection.take')) items.push({ key: '/selection', label: t('selstu.menu'), icon: <FormOutlined /> });
  // 选课管理: the office's rounds and the holds (an administrator's or the finance system's).
  const selOffice: MenuEntry[] = [];
  if (can('selection.manage')) selOffice.push({ key: '/selection/rounds', label: t('seloff.menuRounds') });
  if (can('selection.holds')) selOffice.push({ key: '/selection/holds', label: t('seloff.menuHolds') });
  if (selOffice.length) items.push({ key: 'selection-office', label: t('seloff.menu'), icon: <FormOutlined />, children: selOffice });
  // 考务: the office and secretaries keep the plans; students read their exams and apply for 缓考,
  // teachers their invigilation duties and incidents 考场违纪; the office reviews; papers 试卷流转.
  const examScope = scopeOf('exams.read');
  const exams: MenuEntry[] = [];
  if (examScope === 'all' || examScope === 'college') exams.push({ key: '/exams/plans', label: t('exams.menuPlans') });
  if (examScope === 'self') exams.push({ key: '/exams/mine', label: t('exams.menuMine') });
  if (examScope === 'teaching') exams.push({ key: '/exams/invigilations', label: t('exams.menuDuties') });
  if (can('exams.defer')) exams.push({ key: '/exams/deferrals', label: t('examdef.menuMine') });
  if (examScope === 'college' || examScope === 'department' || examScope === 'all')
    exams.push({ key: '/exams/deferrals/list', label: t('examdef.menuList') });
  if (scopeOf('exams.incidents') === 'teaching') exams.push({ key: '/exams/incidents/record', label: t('examdef.menuRecord') });
  if (can('exams.manage')) exams.push({ key: '/exams/incidents', label: t('examdef.menuReview') });
  if (can('exams.papers')) exams.push({ key: '/exams/papers', label: t('exampapers.menu') });
  if (exams.length) items.push({ key: 'exams', label: t('exams.menu'), icon: <FileDoneOutlined />, children: exams });
  // 成绩: teachers enter their classes' grades; secretaries and the office review and publish;
  // students read their own; the office keeps the school's rules.
  const gradeScope = scopeOf('grades.read');
  const grades: MenuEntry[] = [];
  if (can('grades.enter')) grades.push({ key: '/grades/entry', label: t('grades.menuEntry') });
  if (gradeScope === 'college' || gradeScope === 'all') grades.push({ key: '/grades/review', label: t('grades.menuReview') });
  if (gradeScope === 'self') grades.push({ key: '/grades/me', label: t('grades.menuMine') });
  if (can('grades.manage')) grades.push({ key: '/grades/settings', label: t('grades.menuRules') });
  if (can('grades.manage')) grades.push({ key: '/grades/import', label: t('ghist.menu') });
  // 成绩更正: teachers file them, the office follows them; the approvers decide in the inbox.
  if (can('grades.enter') || can('grades.manage')) grades.push({ key: '/grades/corrections', label: t('grev.menuCorrections') });
  if (can('grades.analysis')) {
    grades.push({ key: '/grades/analysis', label: t('grev.menuAnalysis') });
    grades.push({ key: '/grades/analysis/risk', label: t('grev.menuRisk') });
  }
  if (grades.length) items.push({ key: 'grades', label: t('grades.menu'), icon: <TrophyOutlined />, children: grades });
  // 待办审批 only for approvers; everyone else finds their own applications under the same page.
  const approvals: MenuEntry[] = [{ key: '/inbox', label: opts.isApprover ? t('menu2.inbox') : t('pagesx.inbox.myApplications') }];
  if (can('workflow.read')) approvals.push({ key: '/flows', label: t('menu2.flows') });
  if (can('workflow.metrics')) approvals.push({ key: '/flow-metrics', label: t('menu2.metrics') });
  items.push({ key: 'approvals', label: t('menu2.approvals'), icon: <CheckSquareOutlined />, children: approvals });
  items.push({ key: '/notifications', label: t('menu2.notifications'), icon: <BellOutlined /> });
  if (can('imports.run')) items.push({ key: '/imports', label: t('menu.imports'), icon: <UploadOutlined /> });
  if (can('audit.read_academic')) items.push({ key: '/audit', label: t('menu.audit'), icon: <AuditOutlined /> });
  const system: MenuEntry[] = [];
  if (can('users.manage') || can('accounts.manage')) system.push({ key: '/users', label: t('menu.users') });
  if (can('users.manage')) system.push({ key: '/roles', label: t('menu.roles') }, { key: '/api-tokens', label: t('menu.apiTokens') });
  if (can('settings.manage'))
    system.push(
      { key: '/school-settings', label: t('flowsx.school.menu') },
      { key: '/mail-settings', label: t('menu2.mail') },
      { key: '/outbox', label: t('menu2.outbox') },
    );
  if (system.length) items.push({ key: 'system', label: t('menu.system'), icon: <SettingOutlined />, children: system });
  return items;
}

/** The page keys of a menu (its leaves), groups flattened. */
export function menuPaths(items: MenuEntry[]): string[] {
  return items.flatMap((i) => (i.children ? menuPaths(i.children) : i.key.startsWith('/') ? [i.key] : []));
}

/**
 * The menu entry a path belongs to: the longest entry that is the path or a parent of it
 * (`/terms/3` → `/terms`, `/course-requests/7` → `/course-requests`); `/` only for the home page.
 * Pages linked from notifications use the same canonical paths (contracts WEB_PATHS).
 */
export function selectedKey(pathname: string, paths: string[]): string | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  let best: string | undefined;
  for (const key of paths) {
    const matches = key === '/' ? path === '/' : path === key || path.startsWith(`${key}/`);
    if (matches && (!best || key.length > best.length)) best = key;
  }
  return best;
}
