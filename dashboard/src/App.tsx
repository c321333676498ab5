import { QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, useState } from 'react';
import { createBrowserRouter, Link, Navigate, RouterProvider } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import { SignInPage } from './auth/SignInPage';
import { DevicePage } from './devices/DevicePage';
import { FleetPage } from './devices/FleetPage';
import { Layout } from './layout/Layout';
import { createQueryClient } from './queryClient';

/**
 * A screen loaded on first visit (its own chunk, so the first page load stays small): the module's named component.
 */
function screen<M>(load: () => Promise<M>, name: keyof M) {
  return async () => ({ Component: (await load())[name] as ComponentType });
}

/**
 * The dashboard's routes. The gateway answers any of these paths with index.html (dashboard/DashboardFilter), so
 * they can be reloaded and linked to.
 */
const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/bootstrap', lazy: screen(() => import('./auth/BootstrapPage'), 'BootstrapPage') },
  {
    path: '/',
    element: (
      <RequireSession>
        <Layout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to="/fleet" replace /> },
      { path: 'fleet', element: <FleetPage /> },
      { path: 'devices/new', lazy: screen(() => import('./devices/RegisterPage'), 'RegisterPage') },
      { path: 'devices/:deviceId', element: <DevicePage /> },
      { path: 'commands', lazy: screen(() => import('./commands/CommandsPage'), 'CommandsPage') },
      { path: 'alerts', lazy: screen(() => import('./alerts/AlertsPage'), 'AlertsPage') },
      { path: 'alert-rules', lazy: screen(() => import('./alerts/AlertRulesPage'), 'AlertRulesPage') },
      { path: 'firmware', lazy: screen(() => import('./firmware/FirmwarePage'), 'FirmwarePage') },
      { path: 'groups', lazy: screen(() => import('./groups/GroupsPage'), 'GroupsPage') },
      { path: 'automation', lazy: screen(() => import('./automation/AutomationPage'), 'AutomationPage') },
      { path: 'configuration', lazy: screen(() => import('./configuration/ConfigurationPage'), 'ConfigurationPage') },
      { path: 'verify', lazy: screen(() => import('./verify/VerifyPage'), 'VerifyPage') },
      { path: 'grants', lazy: screen(() => import('./people/GrantsPage'), 'GrantsPage') },
      { path: 'users', lazy: screen(() => import('./people/UsersPage'), 'UsersPage') },
      { path: 'audit', lazy: screen(() => import('./audit/AuditPage'), 'AuditPage') },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        The dashboard has no page here. <Link to="/fleet">Go to the fleet.</Link>
      </p>
    </section>
  );
}
