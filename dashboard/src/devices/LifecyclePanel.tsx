import { useState } from 'react';
import { may } from '../auth/roles';
import { useSession } from '../auth/useSession';
import { ErrorNotice } from '../common/ErrorNotice';
import { type LifecycleChange, useLifecycleChange } from './useDevices';

/**
 * What an admin may do to a device in each status (the chaincode's lifecycle; decommissioning comes later). A
 * provisioned device is activated here only when it was registered with its key; one waiting for its claim token
 * activates itself when it provisions.
 */
function changeFor(status: string, hasKey: boolean): LifecycleChange | undefined {
  if (status === 'PROVISIONED') {
    return hasKey ? 'activate' : undefined;
  }
  return ({ ACTIVE: 'suspend', SUSPENDED: 'reactivate' } as Record<string, LifecycleChange>)[status];
}

const LABELS: Record<LifecycleChange, string> = { activate: 'Activate device', suspend: 'Suspend device', reactivate: 'Reactivate device' };

/**
 * Activate, suspend or reactivate a device, with the reason recorded on the ledger; shown to admins only. The reason typed
 * stays when the gateway refuses the change.
 */
export function LifecyclePanel({ deviceId, status, hasKey = false }: { deviceId: string; status: string; hasKey?: boolean }) {
  const role = useSession()?.user.role;
  const [reason, setReason] = useState('');
  const change = useLifecycleChange(deviceId);
  const action = changeFor(status, hasKey);
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
          {LABELS[action]}
        </button>
      </form>
      {change.error && <ErrorNotice error={change.error} title="The change was refused" />}
    </section>
  );
}
