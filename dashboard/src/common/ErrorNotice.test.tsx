import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError, networkError } from '../api/errors';
import { ErrorNotice } from './ErrorNotice';

describe('ErrorNotice', () => {
  it('shows_the_code_message_and_transaction_of_a_ledger_failure', () => {
    const error = new ApiError('LEDGER_UNKNOWN_OUTCOME', 'Whether the transaction committed is unknown', 504, 'tx-42');

    render(<ErrorNotice error={error} title="The change was refused" />);

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe(
      'The change was refused: LEDGER_UNKNOWN_OUTCOME Whether the transaction committed is unknown (transaction tx-42)',
    );
  });

  it('lists_each_invalid_field', () => {
    const error = new ApiError('INVALID_ARGUMENT', 'reason: must not be blank', 400, null, [
      { field: 'body.reason', message: 'must not be blank' },
    ]);

    render(<ErrorNotice error={error} />);

    expect(screen.getByRole('listitem').textContent).toBe('body.reason: must not be blank');
  });

  it('shows_the_dashboards_own_code_when_the_gateway_cannot_be_reached', () => {
    render(<ErrorNotice error={networkError()} />);

    expect(screen.getByRole('alert').textContent).toBe('NETWORK_ERROR The gateway cannot be reached');
  });
});
