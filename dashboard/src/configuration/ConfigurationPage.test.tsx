import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessions } from '../auth/session';
import { apiError, json, tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { stubApi } from '../test/stubApi';
import { ConfigurationPage } from './ConfigurationPage';

const state = {
  deviceId: 'mote-1', ownerMsp: 'Org1MSP', desiredVersion: 3, desiredSha256: 'a'.repeat(64), desiredAt: 1_764_000_000_000,
  reportedVersion: 2, reportedSha256: 'b'.repeat(64), reportedAt: 1_763_000_000_000, lastReportVersion: 3,
  lastReportStatus: 'REFUSED', lastReportCode: 'CONFIGURATION_INVALID', lastReportAt: 1_764_000_001_000, drift: true,
};
const desired = { deviceId: 'mote-1', version: 3, configuration: { intervalSeconds: 30 }, sha256: 'a'.repeat(64), setAt: 1 };

describe('ConfigurationPage', () => {
  it('shows_desired_against_reported_and_the_drift', async () => {
    sessions.start(tokenFor('auditor'));
    stubApi({
      'GET /api/v1/devices/mote-1/configuration': state,
      'GET /api/v1/configuration/drifting': { devices: [state] },
    });
    renderAt('/configuration?device=mote-1', [{ path: '/configuration', element: <ConfigurationPage /> }]);

    expect(await screen.findByText('DRIFT')).toBeTruthy();
    const rows = screen.getByRole('table', { name: 'Desired and reported configuration' }).querySelectorAll('tbody tr');
    expect(rows[0]!.textContent).toContain('Desired3');
    expect(rows[1]!.textContent).toContain('Reported2');
    expect(screen.getByText(/Last report: version 3 REFUSED \(CONFIGURATION_INVALID\)/)).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Desired configuration' })).toBeNull();
  });

  it('sends_an_admins_edit_with_the_version_it_started_from', async () => {
    sessions.start(tokenFor('admin'));
    const bodies: unknown[] = [];
    stubApi({
      'GET /api/v1/devices/mote-1/configuration': state,
      'GET /api/v1/devices/mote-1/configuration/desired': desired,
      'GET /api/v1/configuration/drifting': { devices: [] },
      'PUT /api/v1/devices/mote-1/configuration/desired': async (r: Request) => (bodies.push(await r.json()), json(200, { ...desired, version: 4 })),
    });
    renderAt('/configuration?device=mote-1', [{ path: '/configuration', element: <ConfigurationPage /> }]);
    const editor = await screen.findByLabelText<HTMLTextAreaElement>('Desired configuration (JSON)');
    await vi.waitFor(() => expect(editor.value).toContain('"intervalSeconds": 30'));

    await userEvent.clear(editor);
    await userEvent.type(editor, '{{"intervalSeconds": 60}');
    await userEvent.click(screen.getByRole('button', { name: 'Save desired configuration' }));

    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({ configuration: { intervalSeconds: 60 }, baseVersion: 3 });
  });

  it('says_when_a_device_has_no_desired_configuration', async () => {
    sessions.start(tokenFor('operator'));
    stubApi({ 'GET /api/v1/devices/mote-9/configuration': () => apiError(404, 'CONFIGURATION_NOT_FOUND', 'none') });
    renderAt('/configuration?device=mote-9', [{ path: '/configuration', element: <ConfigurationPage /> }]);

    expect(await screen.findByText('No desired configuration has been set for mote-9.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Drifting devices' })).toBeNull();
  });
});
