import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, json, tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { stubApi } from '../test/stubApi';
import { BootstrapPage } from './BootstrapPage';
import { sessions } from './session';

async function fillIn() {
  await userEvent.type(screen.getByLabelText('Organisation (MSP ID)'), 'Org2MSP');
  await userEvent.type(screen.getByLabelText('Bootstrap token'), 'one-time-token');
  await userEvent.type(screen.getByLabelText('Username'), 'org2-admin');
  await userEvent.type(screen.getByLabelText('Password'), 'a long password');
  await userEvent.click(screen.getByRole('button', { name: 'Create and sign in' }));
}

describe('BootstrapPage', () => {
  it('creates_the_first_admin_and_signs_them_in', async () => {
    const bodies: unknown[] = [];
    stubApi({ 'POST /api/v1/auth/bootstrap': async (r: Request) => (bodies.push(await r.json()), json(201, tokenFor('admin'))) });
    const router = renderAt('/bootstrap', [
      { path: '/bootstrap', element: <BootstrapPage /> },
      { path: '/users', element: <p>users</p> },
      { path: '*', element: <p>elsewhere</p> },
    ]);

    await fillIn();

    await screen.findByText('users');
    expect(bodies).toEqual([{ mspId: 'Org2MSP', bootstrapToken: 'one-time-token', username: 'org2-admin', password: 'a long password' }]);
    expect(sessions.current()?.user.role).toBe('admin');
    expect(router.state.location.pathname).toBe('/users');
  });

  it('shows_a_spent_token_refusal_and_keeps_what_was_typed', async () => {
    stubApi({ 'POST /api/v1/auth/bootstrap': () => apiError(401, 'BOOTSTRAP_TOKEN_INVALID', 'The bootstrap token is wrong, spent or expired') });
    renderAt('/bootstrap', [
      { path: '/bootstrap', element: <BootstrapPage /> },
      { path: '*', element: <p>elsewhere</p> },
    ]);

    await fillIn();

    expect((await screen.findByRole('alert')).textContent).toContain('BOOTSTRAP_TOKEN_INVALID');
    expect((screen.getByLabelText('Bootstrap token') as HTMLInputElement).value).toBe('one-time-token');
    expect(sessions.current()).toBeNull();
  });
});
