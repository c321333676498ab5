import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessions } from '../auth/session';
import { tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { stubApi } from '../test/stubApi';
import { describeChanges, VerifyPage } from './VerifyPage';

const window = (n: number, status: string, changed: number[] = []) => ({
  windowId: `Org1MSP-gw1-${n}`, window: n, startTime: n * 10_000, endTime: (n + 1) * 10_000, status,
  match: status === 'MATCH', onChainRoot: 'a'.repeat(64), recomputedRoot: status === 'MATCH' ? 'a'.repeat(64) : 'b'.repeat(64),
  leafCount: 3, transactionId: `${n}`.repeat(64).slice(0, 64), blockNumber: n,
  changed: changed.map((readingId) => ({ readingId })), missing: [], extra: [], inconsistent: [],
});

describe('VerifyPage', () => {
  it('shows_each_window_ok_or_mismatch_with_the_changed_reading', async () => {
    sessions.start(tokenFor('auditor'));
    stubApi({
      'GET /api/v1/verify': {
        from: 0, to: 30_000, summary: { windows: 2, ok: 1, mismatched: 1, pending: 0, readings: 6 },
        windows: [window(1, 'MATCH'), window(2, 'MISMATCH', [5])],
      },
    });
    renderAt('/verify', [{ path: '/verify', element: <VerifyPage /> }]);

    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));

    expect((await screen.findByRole('status')).textContent).toContain('1 OK, 1 MISMATCH');
    expect(screen.getByTestId('window-Org1MSP-gw1-1').textContent).toContain('OK');
    expect(screen.getByTestId('window-Org1MSP-gw1-2').textContent).toContain('MISMATCH');
    expect(screen.getByTestId('window-Org1MSP-gw1-2').textContent).toContain('reading 5 changed');
  });

  it('sums_up_what_a_mismatch_found', () => {
    expect(describeChanges({ changed: [{ readingId: 5 }], missing: [{ readingId: 6 }], extra: [], inconsistent: [] })).toBe(
      'reading 5 changed; 1 missing',
    );
  });
});
