import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { sessions } from '../auth/session';
import { describe as requestOf, json, tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { CommandPanel } from './CommandPanel';
import type { Command } from './useCommands';

const succeeded: Command = {
  commandId: 'c-1',
  deviceId: 'mote-1',
  ownerMsp: 'Org1MSP',
  commandType: 'reboot',
  parameters: {} as Command['parameters'],
  parametersSha256: 'a'.repeat(64),
  state: 'SUCCEEDED',
  issuedBy: 'org1-operator',
  createdAt: 1_764_000_000_000,
  issuedAt: 1_764_000_001_000,
  expiresAt: 1_764_003_600_000,
  issueTransactionId: '1'.repeat(64),
  deliveredAt: 1_764_000_002_000,
  deliveryTransactionId: '2'.repeat(64),
  deliveryCount: 1,
  completedAt: 1_764_000_003_000,
  completeTransactionId: '3'.repeat(64),
  resultSha256: 'b'.repeat(64),
  receiptSignature: 'MEUCIQ-signature',
};

function showAs(role: string) {
  sessions.start(tokenFor(role));
  const fetch = vi.fn(async (request: Request) =>
    request.method === 'POST' ? json(201, succeeded) : json(200, { commands: [succeeded] }),
  );
  vi.stubGlobal('fetch', fetch);
  renderAt('/', [{ path: '/', element: <CommandPanel deviceId="mote-1" /> }]);
  return fetch;
}

describe('CommandPanel', () => {
  it('shows_each_lifecycle_step_with_its_transaction_and_the_receipt', async () => {
    showAs('auditor');

    const steps = await screen.findByRole('list', { name: 'Lifecycle of c-1' });
    expect(steps.textContent).toContain('1'.repeat(64));
    expect(steps.textContent).toContain('2'.repeat(64));
    expect(steps.textContent).toContain('succeeded');
    expect(screen.getByText('Receipt signed by the device')).toBeTruthy();
    expect(screen.getByText('MEUCIQ-signature')).toBeTruthy();
  });

  it('offers_the_form_to_operators_only', async () => {
    showAs('auditor');
    await screen.findByText('reboot');

    expect(screen.queryByRole('button', { name: 'Issue command' })).toBeNull();
  });

  it('refuses_parameters_that_are_not_an_object_and_keeps_what_was_typed', async () => {
    const fetch = showAs('operator');
    await userEvent.type(screen.getByLabelText('Command type'), 'set-interval');
    await userEvent.type(screen.getByLabelText('Parameters (JSON)'), '[[1]');
    await userEvent.click(screen.getByRole('button', { name: 'Issue command' }));

    expect(screen.getByRole('alert').textContent).toMatch(/one JSON object/);
    expect((screen.getByLabelText('Command type') as HTMLInputElement).value).toBe('set-interval');
    expect(fetch.mock.calls.map(([request]) => requestOf(request))).not.toContain('POST /api/v1/commands');
  });
});
