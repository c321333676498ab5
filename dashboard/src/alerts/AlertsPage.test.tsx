import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessions } from '../auth/session';
import { apiError, json, tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { sent, stubApi } from '../test/stubApi';
import { AlertsPage } from './AlertsPage';

const alert = (id: number, state = 'open') => ({
  id, deviceId: `mote-${id}`, ownerMsp: 'Org1MSP', kind: 'threshold', sensor: 'temperature', severity: 'warning',
  state, message: `temperature high on ${id}`, readingTs: 1, createdAt: 1_764_000_000_000, updatedAt: 1_764_000_000_000,
});

function show(role: string, acknowledge: (id: string) => Response) {
  sessions.start(tokenFor(role));
  const fetch = stubApi({
    'GET /api/v1/alerts': { items: [alert(1), alert(2), alert(3, 'resolved')] },
    'POST /api/v1/alerts/1/acknowledge': () => acknowledge('1'),
    'POST /api/v1/alerts/2/acknowledge': () => acknowledge('2'),
  });
  renderAt('/alerts', [{ path: '/alerts', element: <AlertsPage /> }]);
  return fetch;
}

describe('AlertsPage', () => {
  it('acknowledges_the_selected_alerts_and_keeps_the_one_refused_selected', async () => {
    const fetch = show('operator', (id) =>
      id === '2' ? apiError(409, 'ALERT_INVALID_TRANSITION', 'Alert 2 is not open') : json(200, alert(1, 'acknowledged')),
    );
    await userEvent.click(await screen.findByLabelText('Select alert 1'));
    await userEvent.click(screen.getByLabelText('Select alert 2'));
    expect((screen.getByLabelText('Select alert 3') as HTMLInputElement).disabled).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge selected' }));

    expect((await screen.findByRole('alert')).textContent).toContain('ALERT_INVALID_TRANSITION');
    expect(sent(fetch)).toEqual(expect.arrayContaining(['POST /api/v1/alerts/1/acknowledge', 'POST /api/v1/alerts/2/acknowledge']));
    expect(screen.getByText('1 selected')).toBeTruthy();
  });

  it('offers_no_actions_to_auditors', async () => {
    show('auditor', () => json(200, {}));
    await screen.findByText('temperature high on 1');

    expect(screen.queryByRole('button', { name: 'Acknowledge selected' })).toBeNull();
    expect(screen.queryByLabelText('Select alert 1')).toBeNull();
  });

  it('sends_the_created_range_as_instants', async () => {
    const fetch = show('operator', () => json(200, {}));
    await screen.findByText('temperature high on 1');

    fireEvent.change(screen.getByLabelText('Created from'), { target: { value: '2025-01-02T03:04' } });

    const iso = new Date('2025-01-02T03:04').toISOString();
    await vi.waitFor(() => expect(sent(fetch).some((r) => r.includes(`from=${iso}`))).toBe(true));
  });

  it('filters_by_when_alerts_were_cleared', async () => {
    const fetch = show('auditor', () => json(200, alert(1)));
    await screen.findByText('temperature high on 1');

    await userEvent.selectOptions(screen.getByLabelText('Time'), 'cleared');
    fireEvent.change(screen.getByLabelText('Cleared from'), { target: { value: '2025-11-24T12:00' } });

    const from = new Date('2025-11-24T12:00').toISOString();
    await vi.waitFor(() => expect(sent(fetch).some((s) => s.includes('by=cleared') && s.includes(`from=${from}`))).toBe(true));
  });
});
