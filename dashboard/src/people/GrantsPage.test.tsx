import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessions } from '../auth/session';
import { json, tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { sent, stubApi } from '../test/stubApi';
import { GrantsPage } from './GrantsPage';

const grant = {
  grantId: 'g-1', ownerMsp: 'Org1MSP', granteeMsp: 'Org1MSP', granteeId: 'x509::CN=org1-operator', deviceGroup: 'lab',
  commandTypes: ['reboot'], expiresAt: 1_900_000_000_000, status: 'ACTIVE', grantedAt: 1, updatedAt: 1,
};

describe('GrantsPage', () => {
  it('grants_an_operator_command_types_on_a_group', async () => {
    sessions.start(tokenFor('admin'));
    const bodies: Record<string, unknown>[] = [];
    stubApi({
      'GET /api/v1/grants': { items: [grant], bookmark: '' },
      'POST /api/v1/grants': async (r: Request) => {
        bodies.push((await r.json()) as Record<string, unknown>);
        return json(201, { grant: { ...grant, grantId: 'g-2' }, transactionId: 't'.repeat(64), blockNumber: 9 });
      },
    });
    renderAt('/grants', [{ path: '/grants', element: <GrantsPage /> }]);
    await screen.findByText('group lab');

    const form = within(screen.getByRole('form', { name: 'Grant commands' }));
    await userEvent.type(form.getByLabelText('Operator (username)'), 'org1-operator');
    await userEvent.type(form.getByLabelText('Device group'), 'lab');
    await userEvent.type(form.getByLabelText('Command types (comma-separated)'), 'reboot, set-sampling-interval');
    await userEvent.click(form.getByRole('button', { name: 'Grant' }));

    expect((await screen.findByText(/Granted g-2/)).textContent).toContain('t'.repeat(64));
    expect(bodies[0]).toMatchObject({ username: 'org1-operator', deviceGroup: 'lab', commandTypes: ['reboot', 'set-sampling-interval'] });
    expect(bodies[0]!.expiresAt as number).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it('shows_an_operator_the_grants_that_name_them', async () => {
    sessions.start(tokenFor('operator'));
    const fetch = stubApi({ 'GET /api/v1/grants:mine': [grant] });
    renderAt('/grants', [{ path: '/grants', element: <GrantsPage /> }]);

    await screen.findByText('group lab');
    expect(screen.getByRole('region', { name: 'Grant list' }).textContent).toContain('reboot');
    expect(sent(fetch)).toEqual(['GET /api/v1/grants:mine']);
    expect(screen.queryByRole('button', { name: 'Grant' })).toBeNull();
  });

  it('lets_auditors_read_but_not_grant_or_revoke', async () => {
    sessions.start(tokenFor('auditor'));
    const fetch = stubApi({ 'GET /api/v1/grants': { items: [grant], bookmark: '' } });
    renderAt('/grants', [{ path: '/grants', element: <GrantsPage /> }]);
    await screen.findByText('group lab');

    expect(screen.queryByRole('button', { name: 'Revoke g-1' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Grant' })).toBeNull();
    expect(sent(fetch).every((r) => r.startsWith('GET'))).toBe(true);
  });
});
