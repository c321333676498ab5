import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessions } from '../auth/session';
import { json, tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { stubApi } from '../test/stubApi';
import { AlertRulesPage, describeRule } from './AlertRulesPage';

const rule = {
  ruleId: 'r-1', ownerMsp: 'Org1MSP', scope: 'group', group: 'lab', sensor: 'temperature', comparison: '>', value: 40,
  consecutive: 3, severity: 'critical', enabled: true, createdBy: 'org1-admin', createdAt: 1, updatedAt: 1,
};

describe('AlertRulesPage', () => {
  it('describes_a_rule_in_one_line', () => {
    expect(describeRule(rule)).toBe('temperature > 40 (3 in a row) on group lab');
    expect(describeRule({ ...rule, scope: 'fleet', consecutive: 1 })).toBe('temperature > 40 on the whole fleet');
  });

  it('adds_a_device_rule_with_the_typed_threshold', async () => {
    sessions.start(tokenFor('admin'));
    const bodies: unknown[] = [];
    stubApi({
      'GET /api/v1/alert-rules': [rule],
      'POST /api/v1/alert-rules': async (r: Request) => (bodies.push(await r.json()), json(201, rule)),
    });
    renderAt('/alert-rules', [{ path: '/alert-rules', element: <AlertRulesPage /> }]);
    await screen.findByText('temperature > 40 (3 in a row) on group lab');

    await userEvent.type(screen.getByLabelText('Device ID'), 'mote-1');
    await userEvent.type(screen.getByLabelText('Sensor'), 'humidity');
    await userEvent.type(screen.getByLabelText('Threshold'), '80.5');
    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));

    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ scope: 'device', deviceId: 'mote-1', sensor: 'humidity', comparison: '>', value: 80.5, consecutive: 1 });
    expect(bodies[0]).not.toHaveProperty('group');
  });

  it('shows_operators_the_rules_without_changing_them', async () => {
    sessions.start(tokenFor('operator'));
    stubApi({ 'GET /api/v1/alert-rules': [rule] });
    renderAt('/alert-rules', [{ path: '/alert-rules', element: <AlertRulesPage /> }]);
    await screen.findByText('temperature > 40 (3 in a row) on group lab');

    expect(screen.queryByRole('form', { name: 'Add an alert rule' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete r-1' })).toBeNull();
  });
});
