import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatTime } from '../common/format';
import { BatchImport } from './BatchImport';
import { type RegisterRequest, useRegisterDevice } from './registration';

const ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}';
type Draft = Pick<RegisterRequest, 'deviceId' | 'deviceType' | 'model' | 'firmwareVersion' | 'group'>;
const EMPTY: Draft = { deviceId: '', deviceType: '', model: '', firmwareVersion: '', group: '' };
const FIELDS: { key: keyof Draft; label: string; pattern?: string; placeholder?: string }[] = [
  { key: 'deviceId', label: 'Device ID', pattern: ID_PATTERN },
  { key: 'deviceType', label: 'Type', pattern: ID_PATTERN, placeholder: 'sensor' },
  { key: 'model', label: 'Model (<organisation>/<name>)', pattern: `${ID_PATTERN}/${ID_PATTERN}`, placeholder: 'Org1MSP/mote-v2' },
  { key: 'firmwareVersion', label: 'Firmware version', placeholder: '1.0.0' },
  { key: 'group', label: 'Group', pattern: ID_PATTERN },
];

/**
 * Register device (admins): one device with a claim token shown exactly once (copyable; only its SHA-256 goes on the
 * ledger, and the dashboard keeps it nowhere but on this page), or many from a CSV file (BatchImport).
 */
export function RegisterPage() {
  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">Register devices</h1>
      <RegisterOne />
      <BatchImport />
    </section>
  );
}

function RegisterOne() {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [expiryHours, setExpiryHours] = useState('');
  const [certificatePem, setCertificatePem] = useState('');
  const register = useRegisterDevice();

  function submit(event: FormEvent) {
    event.preventDefault();
    const hours = Number(expiryHours);
    const withToken = certificatePem.trim() === '';
    const claimTokenExpiresAt = withToken && expiryHours && hours > 0 ? Date.now() + hours * 3_600_000 : undefined;
    const request = { ...draft, claimTokenExpiresAt, certificatePem: withToken ? undefined : certificatePem.trim() };
    register.mutate(request, { onSuccess: () => (setDraft(EMPTY), setCertificatePem('')) });
  }

  return (
    <section aria-labelledby="register-one-title">
      <h2 id="register-one-title">One device</h2>
      <form className="command-form" onSubmit={submit} aria-label="Register a device">
        {FIELDS.map((field) => (
          <label key={field.key}>
            {field.label}
            <input
              required
              pattern={field.pattern}
              placeholder={field.placeholder}
              value={draft[field.key]}
              onChange={(e) => setDraft({ ...draft, [field.key]: e.target.value })}
            />
          </label>
        ))}
        <label>
          Token expires in (hours, empty: never)
          <input
            type="number"
            min={1}
            disabled={certificatePem.trim() !== ''}
            value={expiryHours}
            onChange={(e) => setExpiryHours(e.target.value)}
          />
        </label>
        <label>
          Or the device's certificate (PEM; no claim token)
          <textarea
            rows={2}
            placeholder="-----BEGIN CERTIFICATE-----"
            value={certificatePem}
            onChange={(e) => setCertificatePem(e.target.value)}
          />
        </label>
        <button type="submit" disabled={register.isPending}>
          Register device
        </button>
      </form>
      {register.error && <ErrorNotice error={register.error} title="The device was not registered" />}
      {register.data && !register.data.claimToken && (
        <p className="notice notice-ok" role="status">
          <Link to={`/devices/${encodeURIComponent(register.data.device.deviceId)}`}>{register.data.device.deviceId}</Link>{' '}
          is registered with its certificate (transaction <code>{register.data.transactionId}</code>). Activate it on its
          page; it then connects with that certificate.
        </p>
      )}
      {register.data?.claimToken && (
        <ClaimToken
          deviceId={register.data.device.deviceId}
          token={register.data.claimToken}
          expiresAt={register.data.claimTokenExpiresAt}
          transactionId={register.data.transactionId}
          onDone={() => register.reset()}
        />
      )}
    </section>
  );
}

/** The claim token, shown this once: the gateway keeps only its hash, and dismissing it forgets it here too. */
export function ClaimToken(props: {
  deviceId: string;
  token: string;
  expiresAt?: number | null;
  transactionId: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(props.token);
    setCopied(true);
  }
  return (
    <div className="notice notice-ok" role="status" aria-label="Claim token">
      <p>
        <Link to={`/devices/${encodeURIComponent(props.deviceId)}`}>{props.deviceId}</Link> is registered (transaction{' '}
        <code>{props.transactionId}</code>). Its claim token is shown <strong>only now</strong>: put it on the device,
        which sends it with its key to provision itself.
      </p>
      <p>
        <code data-testid="claim-token">{props.token}</code>{' '}
        <button type="button" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy token'}
        </button>{' '}
        <button type="button" onClick={props.onDone}>
          Done, forget it
        </button>
      </p>
      <p className="muted">Expires: {props.expiresAt ? formatTime(props.expiresAt) : 'never'}</p>
    </div>
  );
}
