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
  | 'organisation.administer'
  /** Upload firmware, revoke it, register signing keys (FirmwareController). */
  | 'firmware.publish'
  /** Create, pause, resume and cancel firmware campaigns (CampaignController; grants decide which devices). */
  | 'campaigns.run'
  /** Create groups, change their members and policy (GroupController). */
  | 'groups.administer'
  /** Register, change, enable and disable automation rules (RuleController). */
  | 'automation.administer'
  /** Set a device's desired configuration (ConfigurationController#setDesired). */
  | 'configuration.set'
  /** List the organisation's drifting devices (ConfigurationController#drifting). */
  | 'configuration.drift';

const ALLOWED: Record<Action, readonly Role[]> = {
  'devices.administer': ['admin'],
  'commands.issue': ['operator'],
  'alerts.handle': ['admin', 'operator'],
  'alertRules.administer': ['admin'],
  'audit.read': ['admin', 'auditor'],
  'grants.read': ['admin', 'auditor'],
  'organisation.administer': ['admin'],
  'firmware.publish': ['admin'],
  'campaigns.run': ['operator'],
  'groups.administer': ['admin'],
  'automation.administer': ['admin'],
  'configuration.set': ['admin'],
  'configuration.drift': ['admin', 'auditor'],
};

/** Whether a role may take an action; false for a role the dashboard does not know. */
export function may(role: string | undefined, action: Action): boolean {
  return role !== undefined && (ALLOWED[action] as readonly string[]).includes(role);
}
