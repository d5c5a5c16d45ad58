import { Route, Routes } from 'react-router';
import { RESOURCE_KEYS, RESOURCES, type Permission } from '@jiaowu/contracts';
import { RequireAuth, RequirePermission } from './auth/guards.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { NotFound } from './components/ErrorPages.tsx';
import { ApiTokensPage } from './pages/admin/ApiTokensPage.tsx';
import { RolesPage } from './pages/admin/RolesPage.tsx';
import { UsersPage } from './pages/admin/UsersPage.tsx';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { HomePage } from './pages/home/HomePage.tsx';
import { ImportsPage } from './pages/imports/ImportsPage.tsx';
import { ChangePasswordPage } from './pages/login/ChangePasswordPage.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { ProfilePage } from './pages/me/ProfilePage.tsx';
import { ResourcePage } from './pages/org/ResourcePage.tsx';
import { TermDetailPage } from './pages/org/TermDetailPage.tsx';
import { BrowseGuard } from './auth/BrowseGuard.tsx';
import { CoursesPage } from './pages/catalog/CoursesPage.tsx';
import { PlanDetailPage } from './pages/catalog/PlanDetailPage.tsx';
import { PlansPage } from './pages/catalog/PlansPage.tsx';
import { AccountPage } from './pages/notifications/AccountPage.tsx';
import { MailSettingsPage } from './pages/notifications/MailSettingsPage.tsx';
import { NotificationsPage } from './pages/notifications/NotificationsPage.tsx';
import { OutboxPage } from './pages/notifications/OutboxPage.tsx';
import { RequestPage } from './pages/offerings/RequestPage.tsx';
import { RequestsPage } from './pages/offerings/RequestsPage.tsx';
import { TeachingClassesPage } from './pages/offerings/TeachingClassesPage.tsx';
import { FlowDetailPage } from './pages/workflow/FlowDetailPage.tsx';
import { FlowsPage } from './pages/workflow/FlowsPage.tsx';
import { InboxPage } from './pages/workflow/InboxPage.tsx';
import { MetricsPage } from './pages/workflow/MetricsPage.tsx';

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
