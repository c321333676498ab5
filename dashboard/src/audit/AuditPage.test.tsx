import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sessions } from '../auth/session';
import { tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { stubApi } from '../test/stubApi';
import { AuditPage } from './AuditPage';

const block = (number: number) => ({
  number, dataHash: `${number}`.repeat(64).slice(0, 64), previousHash: 'p'.repeat(64),
  transactions: [{ txId: `tx${number}`.padEnd(64, '0'), type: 'ENDORSER_TRANSACTION', creatorMsp: 'Org1MSP', chaincode: 'biotdm', function: 'devices:RegisterDevice', validationCode: 'VALID', timestamp: 1 }],
});

describe('AuditPage', () => {
  it('opens_on_the_newest_block_and_steps_back_and_into_a_transaction', async () => {
    sessions.start(tokenFor('auditor'));
    stubApi({
      'GET /api/v1/audit/chain': { channel: 'biotdm', height: 6, currentBlockHash: 'c'.repeat(64), previousBlockHash: 'p'.repeat(64) },
      'GET /api/v1/audit/blocks/5': block(5),
      'GET /api/v1/audit/blocks/4': block(4),
      [`GET /api/v1/audit/transactions/${'tx4'.padEnd(64, '0')}`]: { ...block(4).transactions[0] },
    });
    const router = renderAt('/audit', [{ path: '/audit', element: <AuditPage /> }]);

    expect((await screen.findByRole('region', { name: 'Transactions of the block' })).textContent).toContain('devices:RegisterDevice');
    expect(screen.getByText('Block 5')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Previous block' }));
    expect(await screen.findByText('Block 4')).toBeTruthy();
    await userEvent.click(await screen.findByRole('button', { name: /^tx4/ }));

    expect(router.state.location.search).toContain(`tx=${'tx4'.padEnd(64, '0')}`);
    const details = await screen.findByLabelText('Transaction details');
    expect(details.textContent).toContain('VALID');
    expect(details.textContent).toContain('devices:RegisterDevice');
  });

  it('reads_the_history_a_link_names', async () => {
    sessions.start(tokenFor('auditor'));
    stubApi({
      'GET /api/v1/audit/chain': { channel: 'biotdm', height: 1, currentBlockHash: 'c', previousBlockHash: 'p' },
      'GET /api/v1/audit/blocks/0': { number: 0, dataHash: 'd', previousHash: '', transactions: [] },
      'GET /api/v1/audit/grants/g-1': [{ txId: 'e'.repeat(64), timestamp: 1, deleted: false, actorId: 'org1-admin', actorMsp: 'Org1MSP', record: { status: 'REVOKED' } }],
    });
    renderAt('/audit?grant=g-1', [{ path: '/audit', element: <AuditPage /> }]);

    const history = await screen.findByRole('region', { name: 'History' });
    expect(history.textContent).toContain('e'.repeat(64));
    expect(history.textContent).toContain('REVOKED');
    expect((screen.getByLabelText('Record') as HTMLSelectElement).value).toBe('grant');
  });
});
