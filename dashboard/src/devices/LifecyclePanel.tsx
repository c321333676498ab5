import { useState } from 'react';
import { may } from '../auth/roles';
import { useSession } from '../auth/useSession';
import { ErrorNotice } from '../common/ErrorNotice';
import { type LifecycleChange, useLifecycleChange } from './useDevices';

/** What an admin may do to a device in each status (the chaincode's lifecycle; decommissioning comes later). */
const CHANGES: Record<string, LifecycleChange | undefined> = { ACTIVE: 'suspend', SUSPENDED: 'reactivate' };

/**
 * Suspend or reactivate a device, with the reason recorded on the ledger; shown to admins only. The reason typed
 * stays when the gateway refuses the change.
 */
export function LifecyclePanel({ deviceId, status }: { deviceId: string; status: string }) {
  const role = useSession()?.user.role;
  const [reason, setReason] = useState('');
  const change = useLifecycleChange(deviceId);
  const action = CHANGES[status];
  if (!action || !may(role, 'devices.administer')) {
    return null;
  }
  return (
    <section aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">Lifecycle</h2>
      <form
        className="lifecycle"
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate({ change: action, reason }, { onSuccess: () => setReason('') });
        }}
      >
        <label htmlFor="lifecycle-reason">Reason{action === 'suspend' ? '' : ' (optional)'}</label>
        <input
          id="lifecycle-reason"
          required={action === 'suspend'}
          maxLength={256}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="submit" disabled={change.isPending}>
          {action === 'suspend' ? 'Suspend device' : 'Reactivate device'}
        </button>
      </form>
      {change.error && <ErrorNotice error={change.error} title="The change was refused" />}
    </section>
  );
}
