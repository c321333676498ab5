import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, Link, Navigate, RouterProvider } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import { SignInPage } from './auth/SignInPage';
import { DevicePage } from './devices/DevicePage';
import { FleetPage } from './devices/FleetPage';
import { Layout } from './layout/Layout';
import { createQueryClient } from './queryClient';

/**
 * The dashboard's routes. The gateway answers any of these paths with index.html (dashboard/DashboardFilter), so
 * they can be reloaded and linked to.
 */
const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
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
      { path: 'devices/:deviceId', element: <DevicePage /> },
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
