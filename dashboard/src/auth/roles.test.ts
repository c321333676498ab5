import { describe, expect, it } from 'vitest';
import { may } from './roles';

describe('may', () => {
  it('lets_only_admins_administer_devices', () => {
    expect(may('admin', 'devices.administer')).toBe(true);
    expect(may('operator', 'devices.administer')).toBe(false);
    expect(may('auditor', 'devices.administer')).toBe(false);
  });

  it('lets_only_operators_issue_commands', () => {
    expect(['admin', 'operator', 'auditor'].filter((role) => may(role, 'commands.issue'))).toEqual(['operator']);
  });

  it('lets_auditors_and_admins_read_the_audit_trail', () => {
    expect(['admin', 'operator', 'auditor'].filter((role) => may(role, 'audit.read'))).toEqual(['admin', 'auditor']);
  });

  it('refuses_everything_to_an_unknown_or_missing_role', () => {
    expect(may('root', 'alerts.handle')).toBe(false);
    expect(may(undefined, 'alerts.handle')).toBe(false);
  });
});
