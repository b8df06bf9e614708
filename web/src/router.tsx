import { type ComponentType, lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { RouteError } from './components/route-error.tsx';
import { PageLoader } from './components/states.tsx';
import { commerceRoutes } from './modules/commerce/routes.tsx';
import { AppLayout } from './shell/app-layout.tsx';
import { RequireSession } from './shell/require-session.tsx';

const RELOADED_KEY = 'freehold.chunk-reload';

/**
 * After an upgrade, an open tab asks for chunk names the server no longer has. Reload once to get the new build;
 * if that was already tried, let the error page say so.
 */
async function loadChunk<T>(load: () => Promise<T>): Promise<T> {
  try {
    const mod = await load();
    sessionStorage.removeItem(RELOADED_KEY);
    return mod;
  } catch (err) {
    if (!sessionStorage.getItem(RELOADED_KEY)) {
      sessionStorage.setItem(RELOADED_KEY, '1');
      window.location.reload();
      return new Promise<T>(() => undefined);
    }
    throw err;
  }
}

// Every page is its own chunk: the first load carries only the shell.
const page = <T extends Record<string, ComponentType>>(load: () => Promise<T>, name: keyof T) => {
  const C = lazy(async () => ({ default: (await loadChunk(load))[name] as ComponentType }));
  return (
    <Suspense fallback={<PageLoader />}>
      <C />
    </Suspense>
  );
};

export const router = createBrowserRouter([
  {
    path: '/setup',
    element: page(() => import('./modules/identity/setup-page.tsx'), 'SetupPage'),
    errorElement: <RouteError />,
  },
  {
    path: '/login',
    element: page(() => import('./modules/identity/login-page.tsx'), 'LoginPage'),
    errorElement: <RouteError />,
  },
  {
    path: '/invite/:token',
    element: page(() => import('./modules/identity/invite-page.tsx'), 'InvitePage'),
    errorElement: <RouteError />,
  },
  {
    errorElement: <RouteError />,
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      {
        // Inside the shell, a crashed page shows its error and keeps the navigation.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="/contacts" replace /> },
          { path: 'contacts', element: page(() => import('./modules/crm/contacts/contacts-page.tsx'), 'ContactsPage') },
          {
            path: 'contacts/duplicates',
            element: page(() => import('./modules/crm/contacts/duplicates-page.tsx'), 'DuplicatesPage'),
          },
          {
            path: 'contacts/:id',
            element: page(() => import('./modules/crm/contacts/contact-detail-page.tsx'), 'ContactDetailPage'),
          },
          {
            path: 'companies',
            element: page(() => import('./modules/crm/companies/companies-page.tsx'), 'CompaniesPage'),
          },
          {
            path: 'companies/:id',
            element: page(() => import('./modules/crm/companies/company-detail-page.tsx'), 'CompanyDetailPage'),
          },
          { path: 'deals', element: page(() => import('./modules/crm/deals/deals-page.tsx'), 'DealsPage') },
          { path: 'tasks', element: page(() => import('./modules/crm/tasks/tasks-page.tsx'), 'TasksPage') },
          { path: 'imports', element: page(() => import('./modules/crm/imports/imports-page.tsx'), 'ImportsPage') },
          {
            path: 'imports/new',
            element: page(() => import('./modules/crm/imports/new-import-page.tsx'), 'NewImportPage'),
          },
          { path: 'imports/:id', element: page(() => import('./modules/crm/imports/import-page.tsx'), 'ImportPage') },
          { path: 'audience', element: <Navigate to="/audience/campaigns" replace /> },
          {
            path: 'audience/lists',
            element: page(() => import('./modules/audience/lists/lists-page.tsx'), 'ListsPage'),
          },
          {
            path: 'audience/lists/:id',
            element: page(() => import('./modules/audience/lists/list-page.tsx'), 'ListPage'),
          },
          {
            path: 'audience/segments',
            element: page(() => import('./modules/audience/segments/segments-page.tsx'), 'SegmentsPage'),
          },
          {
            path: 'audience/segments/:id',
            element: page(() => import('./modules/audience/segments/segment-page.tsx'), 'SegmentPage'),
          },
          {
            path: 'audience/forms',
            element: page(() => import('./modules/audience/forms/forms-page.tsx'), 'FormsPage'),
          },
          {
            path: 'audience/forms/:id',
            element: page(() => import('./modules/audience/forms/form-page.tsx'), 'FormPage'),
          },
          {
            path: 'audience/templates',
            element: page(() => import('./modules/audience/templates/templates-page.tsx'), 'TemplatesPage'),
          },
          {
            path: 'audience/templates/:id',
            element: page(() => import('./modules/audience/templates/template-page.tsx'), 'TemplatePage'),
          },
          {
            path: 'audience/senders',
            element: page(() => import('./modules/audience/templates/senders-page.tsx'), 'SendersPage'),
          },
          {
            path: 'audience/campaigns',
            element: page(() => import('./modules/audience/campaigns/campaigns-page.tsx'), 'CampaignsPage'),
          },
          {
            path: 'audience/campaigns/:id',
            element: page(() => import('./modules/audience/campaigns/campaign-page.tsx'), 'CampaignPage'),
          },
          {
            path: 'audience/flows',
            element: page(() => import('./modules/audience/flows/flows-page.tsx'), 'FlowsPage'),
          },
          {
            path: 'audience/flows/:id',
            element: page(() => import('./modules/audience/flows/flow-page.tsx'), 'FlowPage'),
          },
          {
            path: 'audience/deliverability',
            element: page(
              () => import('./modules/audience/deliverability/deliverability-page.tsx'),
              'DeliverabilityPage',
            ),
          },
          {
            path: 'audience/outbox',
            element: page(() => import('./modules/audience/outbox/outbox-page.tsx'), 'OutboxPage'),
          },
          {
            path: 'audience/calendar',
            element: page(() => import('./modules/audience/plan/calendar-page.tsx'), 'CalendarPage'),
          },
          {
            path: 'audience/webinars',
            element: page(() => import('./modules/audience/plan/webinars-page.tsx'), 'WebinarsPage'),
          },
          {
            path: 'audience/webinars/:id',
            element: page(() => import('./modules/audience/plan/webinar-page.tsx'), 'WebinarPage'),
          },
          {
            path: 'audience/report',
            element: page(() => import('./modules/audience/plan/report-page.tsx'), 'ReportPage'),
          },
          { path: 'commerce', element: <Navigate to="/commerce/orders" replace /> },
          ...commerceRoutes(page),
          { path: 'settings', element: <Navigate to="/settings/workspace" replace /> },
          {
            path: 'settings/:tab',
            element: page(() => import('./modules/settings/settings-page.tsx'), 'SettingsPage'),
          },
          { path: '*', element: page(() => import('./components/not-found-page.tsx'), 'NotFoundPage') },
        ],
      },
    ],
  },
]);
