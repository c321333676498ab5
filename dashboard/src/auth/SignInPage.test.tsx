import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, json, tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { sessions } from './session';
import { SignInPage } from './SignInPage';

const routes = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/fleet', element: <h1>Fleet</h1> },
];

async function signIn(username: string, password: string) {
  const user = userEvent.setup({ delay: null });
  await user.type(screen.getByLabelText('Username'), username);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it('shows_the_catalogue_code_of_a_refused_sign_in_and_keeps_what_was_typed', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => apiError(401, 'LOGIN_FAILED', 'Wrong username or password')));
    renderAt('/sign-in', routes);

    await signIn('org1-operator', 'wrong-password');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('LOGIN_FAILED');
    expect(alert.textContent).toContain('Wrong username or password');
    expect(screen.getByLabelText<HTMLInputElement>('Username').value).toBe('org1-operator');
    expect(sessions.current()).toBeNull();
  });

  it('starts_the_session_and_opens_the_fleet', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, tokenFor('operator'))));
    renderAt('/sign-in', routes);

    await signIn('org1-operator', 'right-password');

    expect(await screen.findByRole('heading', { name: 'Fleet' })).toBeTruthy();
    expect(sessions.current()?.user.role).toBe('operator');
  });
});
