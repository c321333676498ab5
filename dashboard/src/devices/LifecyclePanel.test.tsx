import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessions } from '../auth/session';
import { tokenFor } from '../test/fixtures';
import { renderAt } from '../test/render';
import { LifecyclePanel } from './LifecyclePanel';

function showAs(role: string, status: string, hasKey = false) {
  sessions.start(tokenFor(role));
  renderAt('/', [{ path: '/', element: <LifecyclePanel deviceId="mote-1" status={status} hasKey={hasKey} /> }]);
}

describe('LifecyclePanel', () => {
  it('offers_an_admin_to_suspend_an_active_device', () => {
    showAs('admin', 'ACTIVE');

    expect(screen.getByRole('button', { name: 'Suspend device' })).toBeTruthy();
  });

  it('offers_an_admin_to_reactivate_a_suspended_device', () => {
    showAs('admin', 'SUSPENDED');

    expect(screen.getByRole('button', { name: 'Reactivate device' })).toBeTruthy();
  });

  it('offers_to_activate_a_provisioned_device_only_when_it_was_registered_with_its_key', () => {
    showAs('admin', 'PROVISIONED', true);
    expect(screen.getByRole('button', { name: 'Activate device' })).toBeTruthy();
  });

  it('leaves_a_device_waiting_for_its_claim_token_to_provision_itself', () => {
    showAs('admin', 'PROVISIONED');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('hides_the_lifecycle_from_operators_and_auditors', () => {
    showAs('operator', 'ACTIVE');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('hides_the_lifecycle_from_auditors', () => {
    showAs('auditor', 'SUSPENDED');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
