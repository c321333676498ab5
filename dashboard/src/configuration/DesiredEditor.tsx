import { type FormEvent, useEffect, useState } from 'react';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatTime } from '../common/format';
import { useDesiredConfiguration, useSetDesired } from './useConfiguration';

/**
 * The desired configuration document of one device as JSON, editable by its owner's admin. Saving sends the version
 * that was edited as `baseVersion`; the text stays when the gateway or the JSON parser refuses it.
 */
export function DesiredEditor({ deviceId }: { deviceId: string }) {
  const desired = useDesiredConfiguration(deviceId);
  const save = useSetDesired(deviceId);
  const [text, setText] = useState<string>();
  const [invalid, setInvalid] = useState<string>();
  const loaded = desired.data ? JSON.stringify(desired.data.configuration ?? {}, null, 2) : '{}';
  useEffect(() => setText(undefined), [desired.data?.version]);

  function submit(event: FormEvent) {
    event.preventDefault();
    let configuration: unknown;
    try {
      configuration = JSON.parse(text ?? loaded);
    } catch {
      setInvalid('The configuration is not JSON.');
      return;
    }
    setInvalid(undefined);
    save.mutate({ configuration, baseVersion: desired.data?.version });
  }

  return (
    <form onSubmit={submit} aria-label="Desired configuration">
      <label>
        Desired configuration (JSON)
        <textarea rows={10} cols={60} value={text ?? loaded} onChange={(e) => setText(e.target.value)} />
      </label>
      {desired.data && (
        <p className="muted">
          Version {desired.data.version}, set by {desired.data.setBy ?? '—'} at {formatTime(desired.data.setAt)}
          {desired.data.transactionId ? `, transaction ${desired.data.transactionId.slice(0, 16)}…` : ''}.
        </p>
      )}
      <button type="submit" disabled={save.isPending}>
        Save desired configuration
      </button>
      {save.data && <p role="status">Desired version {save.data.version} sent to the device.</p>}
      {invalid && <p role="alert">{invalid}</p>}
      {save.error && <ErrorNotice error={save.error} title="The configuration was not set" />}
    </form>
  );
}
