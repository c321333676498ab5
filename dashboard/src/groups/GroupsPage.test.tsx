import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessions } from '../auth/session';
import { json, tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { sent, stubApi } from '../test/stubApi';
import { describePolicy, GroupsPage } from './GroupsPage';
import { commandTypes } from './useGroups';

const group = {
  groupId: 'lab', ownerMsp: 'Org1MSP', description: 'Intel lab motes', members: ['mote-1', 'mote-2'],
  policy: { commandTypes: ['reboot'], firmwareChannel: 'stable', clusterHeadDeviceId: 'mote-1', coEndorseGrantees: false },
  endorsingMsps: ['Org1MSP'], createdAt: 1, updatedAt: 1_764_000_000_000, updatedBy: 'org1-admin', updatedByMsp: 'Org1MSP',
};
const change = { group, transactionId: 't'.repeat(64), blockNumber: 7 };

describe('GroupsPage', () => {
  it('reads_command_types_and_describes_a_policy', () => {
    expect(commandTypes(' reboot, set-interval reboot ,')).toEqual(['reboot', 'set-interval']);
    expect(describePolicy(group.policy)).toBe('reboot · channel stable · head mote-1');
    expect(describePolicy({ commandTypes: [], coEndorseGrantees: true })).toBe('no command types · co-endorsed');
  });

  it('lets_an_admin_create_a_group_with_its_policy', async () => {
    sessions.start(tokenFor('admin'));
    const bodies: unknown[] = [];
    stubApi({
      'GET /api/v1/groups': { items: [group], bookmark: null },
      'POST /api/v1/groups': async (r: Request) => (bodies.push(await r.json()), json(201, change)),
    });
    renderAt('/groups', [{ path: '/groups', element: <GroupsPage /> }]);
    await screen.findByText('Intel lab motes');
    const form = screen.getByRole('form', { name: 'Create a group' });

    await userEvent.type(within(form).getByLabelText('Group ID'), 'hall');
    await userEvent.type(within(form).getByLabelText('Command types'), 'light, reboot');
    await userEvent.click(within(form).getByLabelText('Grant holders co-endorse'));
    await userEvent.click(within(form).getByRole('button', { name: 'Create group' }));

    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({ groupId: 'hall', policy: { commandTypes: ['light', 'reboot'], coEndorseGrantees: true } });
  });

  it('lets_an_admin_remove_and_add_members', async () => {
    sessions.start(tokenFor('admin'));
    const fetch = stubApi({
      'GET /api/v1/groups': { items: [group], bookmark: null },
      'DELETE /api/v1/groups/lab/members/mote-2': change,
      'POST /api/v1/groups/lab/members': change,
    });
    renderAt('/groups', [{ path: '/groups', element: <GroupsPage /> }]);
    await userEvent.click(await screen.findByRole('button', { name: 'Open lab' }));

    await userEvent.click(screen.getByRole('button', { name: 'Remove mote-2' }));
    const add = screen.getByRole('form', { name: 'Add a member' });
    await userEvent.type(within(add).getByLabelText('Device ID'), 'mote-3');
    await userEvent.click(within(add).getByRole('button', { name: 'Add member' }));

    await vi.waitFor(() => expect(sent(fetch)).toContain('POST /api/v1/groups/lab/members'));
    expect(sent(fetch)).toContain('DELETE /api/v1/groups/lab/members/mote-2');
  });

  it('shows_operators_members_without_changing_them', async () => {
    sessions.start(tokenFor('operator'));
    stubApi({ 'GET /api/v1/groups': { items: [group], bookmark: null } });
    renderAt('/groups', [{ path: '/groups', element: <GroupsPage /> }]);
    await userEvent.click(await screen.findByRole('button', { name: 'Open lab' }));

    expect(within(screen.getByRole('list', { name: 'Members of lab' })).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.queryByRole('form', { name: 'Create a group' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove mote-1' })).toBeNull();
  });
});
