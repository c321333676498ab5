import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessions } from '../auth/session';
import { json, tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { sent, stubApi } from '../test/stubApi';
import { AutomationPage } from './AutomationPage';
import { describeAction, describeCondition } from './useAutomation';

const rule = {
  ruleId: 'occupied-hall', ownerMsp: 'Org1MSP', description: 'Lights on',
  condition: { kind: 'metric', sensor: 'occupancy', comparison: '>=', threshold: '1', groupId: 'hall' },
  action: { commandType: 'light', parameters: '{"on":true}', parametersSha256: 'a'.repeat(64), groupId: 'hall' },
  cooldownSeconds: 600, enabled: true, endorsingMsps: ['Org1MSP'], createdAt: 1, updatedAt: 1,
};
const firing = {
  ruleId: 'occupied-hall', deviceId: 'lamp-1', commandId: 'cmd-1', commandType: 'light', transactionId: 'f'.repeat(64),
  readingIds: ['1', '2'],
};

describe('AutomationPage', () => {
  it('describes_conditions_and_actions_in_one_line', () => {
    expect(describeCondition(rule.condition)).toBe('occupancy >= 1 on group hall');
    expect(describeCondition({ kind: 'alert', alertKind: 'anomaly', deviceId: 'mote-1' })).toBe('alert anomaly on device mote-1');
    expect(describeAction(rule.action)).toBe('light {"on":true} to group hall');
  });

  it('lets_an_admin_disable_a_rule', async () => {
    sessions.start(tokenFor('admin'));
    const fetch = stubApi({
      'GET /api/v1/automation/rules': { items: [rule], bookmark: null },
      'GET /api/v1/automation/firings': [firing],
      'POST /api/v1/automation/rules/occupied-hall/disable': { rule: { ...rule, enabled: false }, transactionId: 't' },
    });
    renderAt('/automation', [{ path: '/automation', element: <AutomationPage /> }]);
    await screen.findByText('cmd-1');

    await userEvent.click(screen.getByRole('button', { name: 'Disable occupied-hall' }));

    await vi.waitFor(() => expect(sent(fetch)).toContain('POST /api/v1/automation/rules/occupied-hall/disable'));
  });

  it('registers_an_alert_rule_on_a_device_that_commands_a_group', async () => {
    sessions.start(tokenFor('admin'));
    const bodies: unknown[] = [];
    stubApi({
      'GET /api/v1/automation/rules': { items: [], bookmark: null },
      'GET /api/v1/automation/firings': [],
      'POST /api/v1/automation/rules': async (r: Request) => (bodies.push(await r.json()), json(201, { rule, transactionId: 't' })),
    });
    renderAt('/automation', [{ path: '/automation', element: <AutomationPage /> }]);
    await screen.findByText('No rules yet.');
    const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

    fill('Rule ID', 'anomaly-reboot');
    fill('When', 'alert');
    fill('On', 'device');
    fill('Condition device', 'mote-1');
    fill('Command type', 'reboot');
    fill('Action group', 'lab');
    await userEvent.click(screen.getByRole('button', { name: 'Register rule' }));

    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({
      ruleId: 'anomaly-reboot',
      condition: { kind: 'alert', alertKind: 'anomaly', deviceId: 'mote-1' },
      action: { commandType: 'reboot', parameters: {}, groupId: 'lab' },
      cooldownSeconds: 600,
    });
  });

  it('keeps_what_was_typed_when_the_parameters_are_not_json', async () => {
    sessions.start(tokenFor('admin'));
    const fetch = stubApi({ 'GET /api/v1/automation/rules': { items: [], bookmark: null }, 'GET /api/v1/automation/firings': [] });
    renderAt('/automation', [{ path: '/automation', element: <AutomationPage /> }]);
    await screen.findByText('No rules yet.');

    for (const [label, value] of [['Rule ID', 'r'], ['Sensor', 's'], ['Threshold', '1'], ['Condition group', 'g'], ['Command type', 'c'], ['Action group', 'g'], ['Parameters (JSON)', 'on']]) {
      fireEvent.change(screen.getByLabelText(label!), { target: { value } });
    }
    await userEvent.click(screen.getByRole('button', { name: 'Register rule' }));

    expect((await screen.findByRole('alert')).textContent).toBe('The parameters are not JSON.');
    expect(screen.getByLabelText<HTMLInputElement>('Rule ID').value).toBe('r');
    expect(sent(fetch).filter((s) => s.startsWith('POST'))).toEqual([]);
  });

  it('shows_operators_the_rules_without_changing_them', async () => {
    sessions.start(tokenFor('operator'));
    stubApi({ 'GET /api/v1/automation/rules': { items: [rule], bookmark: null }, 'GET /api/v1/automation/firings': [] });
    renderAt('/automation', [{ path: '/automation', element: <AutomationPage /> }]);
    await screen.findByText('occupancy >= 1 on group hall');

    expect(screen.queryByRole('form', { name: 'Register an automation rule' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Disable occupied-hall' })).toBeNull();
  });
});
