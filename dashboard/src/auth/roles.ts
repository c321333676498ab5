/**
 * What each role may do, as the gateway's @Secured annotations allow it, so the dashboard hides what a person may not
 * do. The gateway still decides: a hidden button is a courtesy, never the check.
 */
export type Role = 'admin' | 'operator' | 'auditor';

export type Action =
  /** Register, suspend, reactivate or decommission devices (DeviceAdminController). */
  | 'devices.administer'
  /** Issue commands (CommandsController; grants decide which devices and types). */
  | 'commands.issue'
  /** Acknowledge and resolve alerts (AlertController). */
  | 'alerts.handle'
  /** Create, change and delete alert rules (AlertRuleController). */
  | 'alertRules.administer'
  /** Ledger histories, blocks and transactions, verification (AuditController, VerificationController). */
  | 'audit.read'
  /** List the organisation's grants (GrantController#list). */
  | 'grants.read'
  /** People and grants of the organisation (UserController, GrantController). */
  | 'organisation.administer';

const ALLOWED: Record<Action, readonly Role[]> = {
  'devices.administer': ['admin'],
  'commands.issue': ['operator'],
  'alerts.handle': ['admin', 'operator'],
  'alertRules.administer': ['admin'],
  'audit.read': ['admin', 'auditor'],
  'grants.read': ['admin', 'auditor'],
  'organisation.administer': ['admin'],
};

/** Whether a role may take an action; false for a role the dashboard does not know. */
export function may(role: string | undefined, action: Action): boolean {
  return role !== undefined && (ALLOWED[action] as readonly string[]).includes(role);
}
