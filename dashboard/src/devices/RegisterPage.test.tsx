import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessions } from '../auth/session';
import { apiError, json, tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { sent, stubApi } from '../test/stubApi';
import { RegisterPage } from './RegisterPage';

const registered = {
  device: { deviceId: 'm-9', ownerMsp: 'Org1MSP', status: 'PROVISIONED', registeredAt: 1, updatedAt: 1 },
  claimToken: 'tok-' + 'x'.repeat(40),
  transactionId: 'f'.repeat(64),
  blockNumber: 12,
};

async function fillIn() {
  for (const [label, value] of [['Device ID', 'm-9'], ['Type', 'sensor'], ['Model (<organisation>/<name>)', 'Org1MSP/mote'], ['Firmware version', '1.0.0'], ['Group', 'lab']]) {
    await userEvent.type(screen.getByLabelText(label!), value!);
  }
  await userEvent.click(screen.getByRole('button', { name: 'Register device' }));
}

describe('RegisterPage', () => {
  it('shows_the_claim_token_once_and_forgets_it_when_done', async () => {
    sessions.start(tokenFor('admin'));
    const fetch = stubApi({ 'POST /api/v1/devices': () => json(201, registered) });
    renderAt('/devices/new', [{ path: '/devices/new', element: <RegisterPage /> }]);

    await fillIn();

    expect((await screen.findByTestId('claim-token')).textContent).toBe(registered.claimToken);
    expect(screen.getByRole('status', { name: 'Claim token' }).textContent).toContain('f'.repeat(64));
    expect(sent(fetch)).toEqual(['POST /api/v1/devices']);
    await userEvent.click(screen.getByRole('button', { name: 'Done, forget it' }));
    expect(screen.queryByTestId('claim-token')).toBeNull();
  });

  it('keeps_what_was_typed_when_the_gateway_refuses', async () => {
    sessions.start(tokenFor('admin'));
    stubApi({ 'POST /api/v1/devices': () => apiError(409, 'DEVICE_EXISTS', 'Device m-9 already exists') });
    renderAt('/devices/new', [{ path: '/devices/new', element: <RegisterPage /> }]);

    await fillIn();

    expect((await screen.findByRole('alert')).textContent).toContain('DEVICE_EXISTS');
    expect((screen.getByLabelText('Device ID') as HTMLInputElement).value).toBe('m-9');
  });

  it('registers_with_a_certificate_and_shows_no_claim_token', async () => {
    sessions.start(tokenFor('admin'));
    const bodies: Record<string, unknown>[] = [];
    stubApi({
      'POST /api/v1/devices': async (r: Request) => (bodies.push(await r.json()), json(201, { ...registered, claimToken: null })),
    });
    renderAt('/devices/new', [{ path: '/devices/new', element: <RegisterPage /> }]);
    await userEvent.type(screen.getByLabelText("Or the device's certificate (PEM; no claim token)"), '-----BEGIN CERTIFICATE-----');

    await fillIn();

    expect((await screen.findByRole('status')).textContent).toContain('registered with its certificate');
    expect(bodies[0]).toMatchObject({ deviceId: 'm-9', certificatePem: '-----BEGIN CERTIFICATE-----' });
    expect(bodies[0]).not.toHaveProperty('claimTokenExpiresAt');
    expect(screen.queryByTestId('claim-token')).toBeNull();
  });
});
