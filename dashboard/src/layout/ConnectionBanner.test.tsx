import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { connection } from '../api/connection';
import { renderAt } from '../test/render';
import { ConnectionBanner } from './ConnectionBanner';

function show() {
  renderAt('/', [{ path: '/', element: <ConnectionBanner /> }]);
}

describe('ConnectionBanner', () => {
  it('stays_hidden_while_the_gateway_answers', () => {
    show();

    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says_the_connection_is_lost_and_offers_to_retry', () => {
    show();

    act(() => connection.set({ kind: 'offline' }));

    expect(screen.getByRole('status').textContent).toContain('Lost connection to the gateway');
    expect(screen.getByRole('button', { name: 'Retry now' })).toBeTruthy();
  });

  it('names_the_catalogue_code_of_a_503_and_goes_away_when_answers_return', () => {
    show();

    act(() => connection.set({ kind: 'unavailable', code: 'LEDGER_UNAVAILABLE', message: 'The ledger is unreachable' }));
    expect(screen.getByRole('status').textContent).toContain('LEDGER_UNAVAILABLE: The ledger is unreachable');

    act(() => connection.set({ kind: 'online' }));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
