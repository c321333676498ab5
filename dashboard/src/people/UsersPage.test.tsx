import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessions } from '../auth/session';
import { json, tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { stubApi } from '../test/stubApi';
import { UsersPage } from './UsersPage';

const person = (username: string, role: string, enabled = true) => ({
  username, role, mspId: 'Org1MSP', fabricId: `x509::CN=${username}`, enabled,
});

describe('UsersPage', () => {
  it('disables_another_person_but_never_offers_it_for_oneself', async () => {
    sessions.start(tokenFor('admin'));
    const bodies: unknown[] = [];
    stubApi({
      'GET /api/v1/users': [person('org1-admin', 'admin'), person('org1-operator', 'operator')],
      'PUT /api/v1/users/org1-operator/enabled': async (r: Request) => (bodies.push(await r.json()), json(200, person('org1-operator', 'operator', false))),
    });
    renderAt('/users', [{ path: '/users', element: <UsersPage /> }]);

    await userEvent.click(await screen.findByRole('button', { name: 'Disable org1-operator' }));

    await vi.waitFor(() => expect(bodies).toEqual([{ enabled: false }]));
    expect(screen.queryByRole('button', { name: 'Disable org1-admin' })).toBeNull();
  });
});
