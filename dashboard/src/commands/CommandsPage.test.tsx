import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessions } from '../auth/session';
import { tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { sent, stubApi } from '../test/stubApi';
import { CommandsPage } from './CommandsPage';

const command = {
  commandId: 'c-7', deviceId: 'mote-2', ownerMsp: 'Org1MSP', commandType: 'reboot', parameters: {},
  state: 'DELIVERED', issuedBy: 'org1-operator', createdAt: 1_764_000_000_000, expiresAt: 1_764_003_600_000,
  deliveryCount: 1, deliveryTransactionId: 'd'.repeat(64),
};

describe('CommandsPage', () => {
  it('lists_commands_across_devices_and_filters_by_state_on_the_server', async () => {
    sessions.start(tokenFor('operator'));
    const fetch = stubApi({ 'GET /api/v1/commands': { commands: [command] } });
    const router = renderAt('/commands', [{ path: '/commands', element: <CommandsPage /> }]);

    const row = await screen.findByTestId('row-c-7');
    expect(row.textContent).toContain('mote-2');
    expect(row.textContent).toContain('DELIVERED');
    expect(row.textContent).toContain('d'.repeat(16));

    await userEvent.selectOptions(screen.getByLabelText('State'), 'SUCCEEDED');

    expect(router.state.location.search).toBe('?state=SUCCEEDED');
    await screen.findByTestId('row-c-7');
    await vi.waitFor(() => expect(sent(fetch).some((r) => r.includes('state=SUCCEEDED'))).toBe(true));
  });
});
