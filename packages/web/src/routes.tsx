import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, Route, Routes, useParams } from 'react-router';
import { RESOURCE_KEYS, RESOURCES, WEB_PATHS, type Permission } from '@jiaowu/contracts';
import { RequireAuth, RequirePermission } from './auth/guards.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { NotFound } from './components/ErrorPages.tsx';
import { HomePage } from './pages/home/HomePage.tsx';
import { ChangePasswordPage } from './pages/login/ChangePasswordPage.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { ForgotPasswordPage } from './pages/login/ForgotPasswordPage.tsx';
import { ResetPasswordPage } from './pages/login/ResetPasswordPage.tsx';
import { BrowseGuard } from './auth/BrowseGuard.tsx';

// Pages load on first visit (route-level code splitting): the sign-in page and the home page
// come with the main bundle, the rest (charts, editors, admin pages) as separate chunks.
// Pages are named exports, so each lazy import picks its component by name.
// `any` props as in React.lazy itself: each page keeps its own props type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- lazy() requires ComponentType<any>
const page = <K extends string, C extends ComponentType<any>>(load: () => Promise<Record<K, C>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const ApiTokensPage = page(() => import('./pages/admin/ApiTokensPage.tsx'), 'ApiTokensPage');
const RolesPage = page(() => import('./pages/admin/RolesPage.tsx'), 'RolesPage');
const UsersPage = page(() => import('./pages/admin/UsersPage.tsx'), 'UsersPage');
const HandoutPrintPage = page(() => import('./pages/admin/accounts/HandoutPrintPage.tsx'), 'HandoutPrintPage');
const AuditPage = page(() => import('./pages/audit/AuditPage.tsx'), 'AuditPage');
const ImportsPage = page(() => import('./pages/imports/ImportsPage.tsx'), 'ImportsPage');
const ProfilePage = page(() => import('./pages/me/ProfilePage.tsx'), 'ProfilePage');
const ResourcePage = page(() => import('./pages/org/ResourcePage.tsx'), 'ResourcePage');
const TermDetailPage = page(() => import('./pages/org/TermDetailPage.tsx'), 'TermDetailPage');
const CoursesPage = page(() => import('./pages/catalog/CoursesPage.tsx'), 'CoursesPage');
const PlanDetailPage = page(() => import('./pages/catalog/PlanDetailPage.tsx'), 'PlanDetailPage');
const PlansPage = page(() => import('./pages/catalog/PlansPage.tsx'), 'PlansPage');
const AccountPage = page(() => import('./pages/notifications/AccountPage.tsx'), 'AccountPage');
const SchoolSettingsPage = page(() => import('./pages/admin/SchoolSettingsPage.tsx'), 'SchoolSettingsPage');
const MailSettingsPage = page(() => import('./pages/notifications/MailSettingsPage.tsx'), 'MailSettingsPage');
const NotificationsPage = page(() => import('./pages/notifications/NotificationsPage.tsx'), 'NotificationsPage');
const OutboxPage = page(() => import('./pages/notifications/OutboxPage.tsx'), 'OutboxPage');
const RequestPage = page(() => import('./pages/offerings/RequestPage.tsx'), 'RequestPage');
const RequestsPage = page(() => import('./pages/offerings/RequestsPage.tsx'), 'RequestsPage');
const TeachingClassesPage = page(() => import('./pages/offerings/TeachingClassesPage.tsx'), 'TeachingClassesPage');
const TeachingClassPage = page(() => import('./pages/offerings/TeachingClassPage.tsx'), 'TeachingClassPage');
const TtSettingsPage = page(() => import('./pages/timetable/settings/SettingsPage.tsx'), 'SettingsPage');
const TtAvailabilityPage = page(() => import('./pages/timetable/settings/AvailabilityPage.tsx'), 'AvailabilityPage');
const TtLinksPage = page(() => import('./pages/timetable/settings/LinksPage.tsx'), 'LinksPage');
const TtReadinessPage = page(() => import('./pages/timetable/settings/ReadinessPage.tsx'), 'ReadinessPage');
const DraftGridPage = page(() => import('./pages/timetable/edit/DraftGridPage.tsx'), 'DraftGridPage');
const DraftsPage = page(() => import('./pages/timetable/drafts/DraftsPage.tsx'), 'DraftsPage');
const FlowDetailPage = page(() => import('./pages/workflow/FlowDetailPage.tsx'), 'FlowDetailPage');
const FlowsPage = page(() => import('./pages/workflow/FlowsPage.tsx'), 'FlowsPage');
const InboxPage = page(() => import('./pages/workflow/InboxPage.tsx'), 'InboxPage');
const MetricsPage = page(() => import('./pages/workflow/MetricsPage.tsx'), 'MetricsPage');
const FreeRoomsPage = page(() => import('./pages/timetable/rooms/FreeRoomsPage.tsx'), 'FreeRoomsPage');
const BookingsPage = page(() => import('./pages/timetable/rooms/BookingsPage.tsx'), 'BookingsPage');
const ChangesPage = page(() => import('./pages/timetable/changes/ChangesPage.tsx'), 'ChangesPage');
const ChangeFormPage = page(() => import('./pages/timetable/changes/ChangeFormPage.tsx'), 'ChangeFormPage');
const ChangePage = page(() => import('./pages/timetable/changes/ChangePage.tsx'), 'ChangePage');
const ChangeStatsPage = page(() => import('./pages/timetable/changes/ChangeStatsPage.tsx'), 'ChangeStatsPage');
const MyTimetablePage = page(() => import('./pages/timetable/view/MyTimetablePage.tsx'), 'MyTimetablePage');
const SelectionPage = page(() => import('./pages/selection/student/SelectionPage.tsx'), 'SelectionPage');
const TimetableQueryPage = page(() => import('./pages/timetable/view/TimetableQueryPage.tsx'), 'TimetableQueryPage');
const SelRoundsPage = page(() => import('./pages/selection/office/RoundsPage.tsx'), 'RoundsPage');
const SelRoundDetailPage = page(() => import('./pages/selection/office/RoundDetailPage.tsx'), 'RoundDetailPage');
const ExamPlansPage = page(() => import('./pages/exams/plans/PlansPage.tsx'), 'PlansPage');
const ExamPlanDetailPage = page(() => import('./pages/exams/plans/PlanDetailPage.tsx'), 'PlanDetailPage');
const MyExamsPage = page(() => import('./pages/exams/mine/MyExamsPage.tsx'), 'MyExamsPage');
const MyInvigilationsPage = page(() => import('./pages/exams/invigilations/MyInvigilationsPage.tsx'), 'MyInvigilationsPage');
const SelHoldsPage = page(() => import('./pages/selection/office/HoldsPage.tsx'), 'HoldsPage');
const MyDeferralsPage = page(() => import('./pages/exams/deferrals/MyDeferralsPage.tsx'), 'MyDeferralsPage');
const DeferralsListPage = page(() => import('./pages/exams/deferrals/DeferralsListPage.tsx'), 'DeferralsListPage');
// Grades review (helper D): corrections, analysis, academic warnings.
const CorrectionsPage = page(() => import('./pages/grades/corrections/CorrectionsPage.tsx'), 'CorrectionsPage');
const AnalysisPage = page(() => import('./pages/grades/analysis/AnalysisPage.tsx'), 'AnalysisPage');
const RiskPage = page(() => import('./pages/grades/analysis/RiskPage.tsx'), 'RiskPage');
const IncidentRecordPage = page(() => import('./pages/exams/incidents/IncidentRecordPage.tsx'), 'IncidentRecordPage');
const IncidentReviewPage = page(() => import('./pages/exams/incidents/IncidentReviewPage.tsx'), 'IncidentReviewPage');
const ExamPapersPage = page(() => import('./pages/exams/papers/PapersPage.tsx'), 'PapersPage');
const GradeSheetsPage = page(() => import('./pages/grades/GradeSheetsPage.tsx'), 'GradeSheetsPage');
const GradeSheetPage = page(() => import('./pages/grades/GradeSheetPage.tsx'), 'GradeSheetPage');
const GradeSheetByIdPage = page(() => import('./pages/grades/GradeSheetPage.tsx'), 'GradeSheetByIdPage');
const MyGradesPage = page(() => import('./pages/grades/MyGradesPage.tsx'), 'MyGradesPage');
const GradeRulesPage = page(() => import('./pages/grades/GradeRulesPage.tsx'), 'GradeRulesPage');
const HistoricalImportPage = page(() => import('./pages/grades/history/HistoricalImportPage.tsx'), 'HistoricalImportPage');
const ExamPaperChainPage = page(() => import('./pages/exams/papers/PaperChainPage.tsx'), 'PaperChainPage');

/** Links of notifications sent before the canonical path: open the canonical page (its menu entry lit). */
function OldRequestLink() {
  return <Navigate replace to={WEB_PATHS.courseRequest(Number(useParams().id))} />;
}

const guard = (perms: Permission[], el: React.ReactNode) => <RequirePermission any={perms}>{el}</RequirePermission>;

/** Every page; pages the user may not use render the 403 page (the server refuses them anyway). */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      {/* Outside the app's frame: only the list goes on paper. */}
      <Route
        path="/users/handouts/:jobId/print"
        element={
          <RequireAuth>
            <Suspense fallback={null}>{guard(['accounts.manage'], <HandoutPrintPage />)}</Suspense>
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="me" element={<ProfilePage />} />
        <Route path="change-password" element={<ChangePasswordPage />} />
        {RESOURCE_KEYS.map((k) => (
          <Route
            key={k}
            path={RESOURCES[k].path}
            element={
              <BrowseGuard resource={k}>
                <ResourcePage resource={k} />
              </BrowseGuard>
            }
          />
        ))}
        <Route
          path="terms/:id"
          element={
            <BrowseGuard resource="terms">
              <TermDetailPage />
            </BrowseGuard>
          }
        />
        <Route path="imports" element={guard(['imports.run'], <ImportsPage />)} />
        <Route path="audit" element={guard(['audit.read_academic'], <AuditPage />)} />
        <Route path="users" element={guard(['users.manage', 'accounts.manage'], <UsersPage />)} />
        <Route path="roles" element={guard(['users.manage'], <RolesPage />)} />
        <Route path="api-tokens" element={guard(['users.manage'], <ApiTokensPage />)} />
        <Route path="courses" element={guard(['catalog.read'], <CoursesPage />)} />
        <Route path="plans" element={guard(['catalog.read'], <PlansPage />)} />
        <Route path="plans/:id" element={guard(['catalog.read'], <PlanDetailPage />)} />
        <Route path="course-requests" element={guard(['offerings.read'], <RequestsPage />)} />
        <Route path="course-requests/:id" element={guard(['offerings.read'], <RequestPage />)} />
        <Route path="offerings/requests/:id" element={<OldRequestLink />} />
        <Route path="teaching-classes" element={guard(['offerings.read'], <TeachingClassesPage />)} />
        <Route path="teaching-classes/:id" element={guard(['offerings.read'], <TeachingClassPage />)} />
        <Route path="timetable/settings" element={guard(['timetable.manage'], <TtSettingsPage />)} />
        <Route path="timetable/availability" element={guard(['timetable.change'], <TtAvailabilityPage />)} />
        <Route path="timetable/links" element={guard(['timetable.manage'], <TtLinksPage />)} />
        <Route path="timetable/readiness" element={guard(['timetable.manage'], <TtReadinessPage />)} />
        <Route path="timetable/drafts/:id/grid" element={guard(['timetable.manage'], <DraftGridPage />)} />
        <Route path="timetable/rooms/free" element={guard(['timetable.read'], <FreeRoomsPage />)} />
        <Route path="timetable/bookings" element={guard(['rooms.book'], <BookingsPage />)} />
        <Route path="timetable/changes" element={guard(['timetable.change'], <ChangesPage />)} />
        <Route path="timetable/changes/new" element={guard(['timetable.change'], <ChangeFormPage />)} />
        <Route path="timetable/changes/stats" element={guard(['timetable.change'], <ChangeStatsPage />)} />
        <Route path="timetable/changes/:id" element={guard(['timetable.change'], <ChangePage />)} />
        <Route path="timetable/mine" element={guard(['timetable.read'], <MyTimetablePage />)} />
        <Route path="timetable/query" element={guard(['timetable.read'], <TimetableQueryPage />)} />
        <Route path="timetable/drafts" element={guard(['timetable.manage'], <DraftsPage />)} />
        <Route path="selection" element={guard(['selection.take'], <SelectionPage />)} />
        <Route path="selection/rounds" element={guard(['selection.manage'], <SelRoundsPage />)} />
        <Route path="selection/rounds/:id" element={guard(['selection.manage'], <SelRoundDetailPage />)} />
        <Route path="selection/holds" element={guard(['selection.holds'], <SelHoldsPage />)} />
        <Route path="exams/deferrals" element={guard(['exams.defer'], <MyDeferralsPage />)} />
        <Route path="exams/deferrals/list" element={guard(['exams.read'], <DeferralsListPage />)} />
        {/* Grades review (helper D): 成绩更正, 成绩分析, 学业预警 */}
        <Route path="grades/corrections" element={guard(['grades.enter', 'grades.manage', 'grades.analysis'], <CorrectionsPage />)} />
        <Route path="grades/analysis" element={guard(['grades.analysis'], <AnalysisPage />)} />
        <Route path="grades/analysis/risk" element={guard(['grades.analysis'], <RiskPage />)} />
        <Route path="exams/incidents/record" element={guard(['exams.incidents'], <IncidentRecordPage />)} />
        <Route path="exams/incidents" element={guard(['exams.manage'], <IncidentReviewPage />)} />
        <Route path="exams/papers" element={guard(['exams.papers'], <ExamPapersPage />)} />
        <Route path="exams/papers/:id" element={guard(['exams.papers'], <ExamPaperChainPage />)} />
        {/* 考务 (Exams) */}
        <Route path="exams/plans" element={guard(['exams.read'], <ExamPlansPage />)} />
        <Route path="exams/plans/:id" element={guard(['exams.read'], <ExamPlanDetailPage />)} />
        <Route path="exams/mine" element={guard(['exams.read'], <MyExamsPage />)} />
        <Route path="exams/invigilations" element={guard(['exams.read'], <MyInvigilationsPage />)} />
        {/* 成绩 (Grades) */}
        <Route path="grades/entry" element={guard(['grades.enter'], <GradeSheetsPage mode="entry" />)} />
        <Route path="grades/review" element={guard(['grades.manage', 'grades.read'], <GradeSheetsPage mode="review" />)} />
        <Route path="grades/classes/:teachingClassId" element={guard(['grades.enter', 'grades.read'], <GradeSheetPage />)} />
        <Route path="grades/sheets/:sheetId" element={guard(['grades.enter', 'grades.read'], <GradeSheetByIdPage />)} />
        <Route path="grades/me" element={guard(['grades.read'], <MyGradesPage />)} />
        <Route path="grades/settings" element={guard(['grades.manage'], <GradeRulesPage />)} />
        <Route path="grades/import" element={guard(['grades.manage'], <HistoricalImportPage />)} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="flows" element={guard(['workflow.read'], <FlowsPage />)} />
        <Route path="flows/:key" element={guard(['workflow.read'], <FlowDetailPage />)} />
        <Route path="flow-metrics" element={guard(['workflow.metrics'], <MetricsPage />)} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="school-settings" element={guard(['settings.manage'], <SchoolSettingsPage />)} />
        <Route path="mail-settings" element={guard(['settings.manage'], <MailSettingsPage />)} />
        <Route path="outbox" element={guard(['settings.manage'], <OutboxPage />)} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
