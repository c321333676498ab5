import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { ErrorNotice } from '../common/ErrorNotice';
import { LedgerHistory } from '../common/LedgerHistory';
import { formatTime } from '../common/format';
import { CommandPanel } from '../commands/CommandPanel';
import { LiveTail } from '../telemetry/LiveTail';
import { TelemetryPanel } from '../telemetry/TelemetryPanel';
import { StatusBadge } from './DeviceTable';
import { LifecyclePanel } from './LifecyclePanel';
import { type DeviceDetail, type LedgerAuditEntry, useDevice, useDeviceHistory } from './useDevices';

/**
 * Device: its identity and ledger record, the live tail, a chart per sensor, its commands, and the record's ledger
 * history.
 */
export function DevicePage() {
  const deviceId = useParams().deviceId ?? '';
  const device = useDevice(deviceId);
  return (
    <section aria-labelledby="device-title">
      <h1 id="device-title">Device {deviceId}</h1>
      {device.error && <ErrorNotice error={device.error} title="The device could not be loaded" />}
      {device.data && (
        <>
          <Identity detail={device.data} />
          <LifecyclePanel deviceId={deviceId} status={device.data.device.status} hasKey={Boolean(device.data.device.certFingerprint)} />
          <LiveTail deviceId={deviceId} />
          <TelemetryPanel deviceId={deviceId} />
          <CommandPanel deviceId={deviceId} />
          <History deviceId={deviceId} />
        </>
      )}
    </section>
  );
}

function Identity({ detail }: { detail: DeviceDetail }) {
  const d = detail.device;
  const rows: [string, ReactNode][] = [
    ['Status', <StatusBadge key="status" status={d.status} />],
    ['Status reason', d.statusReason ?? '—'],
    ['Owner organisation', d.ownerMsp],
    ['Type', d.deviceType ?? '—'],
    ['Model', d.model ?? '—'],
    ['Group', d.group ?? '—'],
    ['Firmware', detail.firmwareVersion ?? d.firmwareVersion ?? '—'],
    ['Key fingerprint (SHA-256 of the certificate)', <code key="fp">{d.certFingerprint ?? 'not claimed yet'}</code>],
    ['Registered', formatTime(d.registeredAt)],
    ['Claimed', formatTime(d.claimedAt)],
    ['Last reading', formatTime(detail.lastReadingAt)],
    ['Last reading received', formatTime(detail.lastSeenAt)],
    ['Record last written', `${formatTime(d.updatedAt)} by ${d.updatedBy ?? '—'} (${d.updatedByMsp ?? '—'})`],
  ];
  return (
    <section aria-labelledby="identity-title">
      <h2 id="identity-title">Identity and ledger record</h2>
      <dl className="facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function History({ deviceId }: { deviceId: string }) {
  const history = useDeviceHistory(deviceId);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Ledger history</h2>
      {history.error && <ErrorNotice error={history.error} title="The history could not be loaded" />}
      {history.data && (
        <LedgerHistory
          entries={history.data}
          caption="Versions of the device record, newest first"
          heading="Status"
          show={statusOf}
        />
      )}
    </section>
  );
}

function statusOf(entry: LedgerAuditEntry): string {
  const status = entry.record?.['status'];
  return typeof status === 'string' ? status : '—';
}
