import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { RESOURCE_KEYS, RESOURCES, type Permission } from '@jiaowu/contracts';
import { RequireAuth, RequirePermission } from './auth/guards.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { NotFound } from './components/ErrorPages.tsx';
import { HomePage } from './pages/home/HomePage.tsx';
import { ChangePasswordPage } from './pages/login/ChangePasswordPage.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { BrowseGuard } from './auth/BrowseGuard.tsx';

// Pages load on first visit (route-level code splitting): the sign-in page and the home page
// come with the main bundle, the rest (charts, editors, admin pages) as separate chunks.
const ApiTokensPage = lazy(() => import('./pages/admin/ApiTokensPage.tsx').then((m) => ({ default: m.ApiTokensPage })));
const RolesPage = lazy(() => import('./pages/admin/RolesPage.tsx').then((m) => ({ default: m.RolesPage })));
const UsersPage = lazy(() => import('./pages/admin/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const ImportsPage = lazy(() => import('./pages/imports/ImportsPage.tsx').then((m) => ({ default: m.ImportsPage })));
const ProfilePage = lazy(() => import('./pages/me/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })));
const ResourcePage = lazy(() => import('./pages/org/ResourcePage.tsx').then((m) => ({ default: m.ResourcePage })));
const TermDetailPage = lazy(() => import('./pages/org/TermDetailPage.tsx').then((m) => ({ default: m.TermDetailPage })));
const CoursesPage = lazy(() => import('./pages/catalog/CoursesPage.tsx').then((m) => ({ default: m.CoursesPage })));
const PlanDetailPage = lazy(() => import('./pages/catalog/PlanDetailPage.tsx').then((m) => ({ default: m.PlanDetailPage })));
const PlansPage = lazy(() => import('./pages/catalog/PlansPage.tsx').then((m) => ({ default: m.PlansPage })));
const AccountPage = lazy(() => import('./pages/notifications/AccountPage.tsx').then((m) => ({ default: m.AccountPage })));
const MailSettingsPage = lazy(() => import('./pages/notifications/MailSettingsPage.tsx').then((m) => ({ default: m.MailSettingsPage })));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })));
const OutboxPage = lazy(() => import('./pages/notifications/OutboxPage.tsx').then((m) => ({ default: m.OutboxPage })));
const RequestPage = lazy(() => import('./pages/offerings/RequestPage.tsx').then((m) => ({ default: m.RequestPage })));
const RequestsPage = lazy(() => import('./pages/offerings/RequestsPage.tsx').then((m) => ({ default: m.RequestsPage })));
const TeachingClassesPage = lazy(() => import('./pages/offerings/TeachingClassesPage.tsx').then((m) => ({ default: m.TeachingClassesPage })));
const FlowDetailPage = lazy(() => import('./pages/workflow/FlowDetailPage.tsx').then((m) => ({ default: m.FlowDetailPage })));
const FlowsPage = lazy(() => import('./pages/workflow/FlowsPage.tsx').then((m) => ({ default: m.FlowsPage })));
const InboxPage = lazy(() => import('./pages/workflow/InboxPage.tsx').then((m) => ({ default: m.InboxPage })));
const MetricsPage = lazy(() => import('./pages/workflow/MetricsPage.tsx').then((m) => ({ default: m.MetricsPage })));

const guard = (perms: Permission[], el: React.ReactNode) => <RequirePermission any={perms}>{el}</RequirePermission>;

/** Every page; pages the user may not use render the 403 page (the server refuses them anyway). */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
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
          <Route key={k} path={RESOURCES[k].path} element={<BrowseGuard resource={k}><ResourcePage resource={k} /></BrowseGuard>} />
        ))}
        <Route path="terms/:id" element={<BrowseGuard resource="terms"><TermDetailPage /></BrowseGuard>} />
        <Route path="imports" element={guard(['imports.run'], <ImportsPage />)} />
        <Route path="audit" element={guard(['audit.read'], <AuditPage />)} />
        <Route path="users" element={guard(['users.manage'], <UsersPage />)} />
        <Route path="roles" element={guard(['users.manage'], <RolesPage />)} />
        <Route path="api-tokens" element={guard(['users.manage'], <ApiTokensPage />)} />
        <Route path="courses" element={guard(['catalog.read'], <CoursesPage />)} />
        <Route path="plans" element={guard(['catalog.read'], <PlansPage />)} />
        <Route path="plans/:id" element={guard(['catalog.read'], <PlanDetailPage />)} />
        <Route path="course-requests" element={guard(['offerings.read'], <RequestsPage />)} />
        <Route path="course-requests/:id" element={guard(['offerings.read'], <RequestPage />)} />
        <Route path="offerings/requests/:id" element={guard(['offerings.read'], <RequestPage />)} />
        <Route path="teaching-classes" element={guard(['offerings.read'], <TeachingClassesPage />)} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="flows" element={<FlowsPage />} />
        <Route path="flows/:key" element={<FlowDetailPage />} />
        <Route path="flow-metrics" element={guard(['workflow.metrics'], <MetricsPage />)} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="mail-settings" element={guard(['settings.manage'], <MailSettingsPage />)} />
        <Route path="outbox" element={guard(['settings.manage'], <OutboxPage />)} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
