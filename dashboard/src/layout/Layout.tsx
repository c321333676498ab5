import { useQueryClient } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { api } from '../api/client';
import { type Action, may } from '../auth/roles';
import { sessions } from '../auth/session';
import { useSession } from '../auth/useSession';
import { ConnectionBanner } from './ConnectionBanner';

/**
 * The screens of the dashboard, in the navigation's order. A screen appears for the roles that may use it (none
 * means every role).
 */
const SCREENS: { to: string; label: string; action?: Action }[] = [
  { to: '/fleet', label: 'Fleet' },
  { to: '/devices/new', label: 'Register', action: 'devices.administer' },
  { to: '/commands', label: 'Commands' },
  { to: '/alerts', label: 'Alerts' },
  { to: '/alert-rules', label: 'Alert rules' },
  { to: '/firmware', label: 'Firmware' },
  { to: '/groups', label: 'Groups' },
  { to: '/automation', label: 'Automation' },
  { to: '/configuration', label: 'Configuration' },
  { to: '/verify', label: 'Verify', action: 'audit.read' },
  { to: '/audit', label: 'Audit', action: 'audit.read' },
  { to: '/grants', label: 'Grants' },
  { to: '/users', label: 'Users', action: 'organisation.administer' },
];

/** The frame of every signed-in screen: header with the person and sign-out, navigation, connection banner. */
export function Layout() {
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const user = session?.user;

  async function signOut() {
    const refreshToken = sessions.current()?.refreshToken;
    if (refreshToken) {
      // Revokes the refresh token; signing out locally does not wait for, or depend on, the answer.
      void api.POST('/api/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
    }
    sessions.end();
    queryClient.clear();
    navigate('/sign-in', { replace: true });
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">BIoT-DM</span>
        <nav aria-label="Main">
          <ul>
            {SCREENS.filter((s) => !s.action || may(user?.role, s.action)).map((screen) => (
              <li key={screen.to}>
                <NavLink to={screen.to}>{screen.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {user && (
          <div className="who">
            <span>
              {user.username} · {user.role} · {user.mspId}
            </span>
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <ConnectionBanner />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
