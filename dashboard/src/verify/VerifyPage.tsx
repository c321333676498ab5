import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ErrorNotice } from '../common/ErrorNotice';
import { counted, formatTime } from '../common/format';
import { localToIso } from '../alerts/useAlerts';
import { ProofPanel } from './ProofPanel';
import { useVerification, useWindowReadings, type VerifyRequest, type WindowVerification } from './useVerify';

/** `datetime-local` text for a moment (local time, to the minute). */
export function toLocalInput(epochMs: number): string {
  const d = new Date(epochMs - new Date(epochMs).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/**
 * Verification (auditors, admins): each anchored window of a range recomputed from the stored readings and compared
 * with its root on the ledger (OK or MISMATCH, with the readings that changed); a window's readings, and for any
 * reading its inclusion proof checked in this browser, with the anchoring transaction; the proof as a JSON download.
 */
export function VerifyPage() {
  const [draft, setDraft] = useState({ device: '', from: toLocalInput(Date.now() - 1_800_000), to: '' });
  const [request, setRequest] = useState<VerifyRequest>();
  const [open, setOpen] = useState<WindowVerification>();
  const verification = useVerification(request);

  function submit(event: FormEvent) {
    event.preventDefault();
    setOpen(undefined);
    setRequest({
      device: draft.device.trim(),
      from: localToIso(draft.from),
      to: localToIso(draft.to) || new Date().toISOString(),
      askedAt: Date.now(),
    });
  }

  const summary = verification.data?.summary;
  return (
    <section aria-labelledby="verify-title">
      <h1 id="verify-title">Verify telemetry</h1>
      <form className="command-form" onSubmit={submit} aria-label="Range to verify">
        <label>
          Device ID (empty: every device you may read)
          <input value={draft.device} onChange={(e) => setDraft({ ...draft, device: e.target.value })} />
        </label>
        <label>
          From
          <input type="datetime-local" required value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          To (empty: now)
          <input type="datetime-local" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <button type="submit" disabled={verification.isFetching}>
          Verify
        </button>
      </form>
      {verification.error && <ErrorNotice error={verification.error} title="The range could not be verified" />}
      {summary && (
        <p role="status" className={summary.mismatched > 0 ? 'notice notice-error' : 'notice notice-ok'}>
          {counted(summary.windows, 'window')}, {counted(summary.readings, 'reading')}: {summary.ok} OK, {summary.mismatched} MISMATCH,{' '}
          {summary.pending} not anchored yet.
        </p>
      )}
      {verification.data && <WindowList windows={verification.data.windows} onOpen={setOpen} />}
      {open && <WindowReadings window={open} />}
    </section>
  );
}

function WindowList({ windows, onOpen }: { windows: WindowVerification[]; onOpen: (w: WindowVerification) => void }) {
  return (
    <div className="table-wrap" role="region" aria-label="Windows" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">Window</th>
            <th scope="col">Time</th>
            <th scope="col">Result</th>
            <th scope="col">Readings</th>
            <th scope="col">Anchoring transaction</th>
            <th scope="col">What changed</th>
          </tr>
        </thead>
        <tbody>
          {windows.map((w) => (
            <tr key={w.windowId} data-testid={`window-${w.windowId}`}>
              <td>
                <button type="button" className="link" onClick={() => onOpen(w)}>
                  {w.windowId}
                </button>
              </td>
              <td>{formatTime(w.startTime)}</td>
              <td>
                <span className={`verdict verdict-${w.status.toLowerCase()}`}>{w.status === 'MATCH' ? 'OK' : w.status}</span>
              </td>
              <td>{w.leafCount}</td>
              <td>{w.transactionId ? <Link to={`/audit?tx=${w.transactionId}`}>{w.transactionId.slice(0, 16)}…</Link> : '—'}</td>
              <td>{describeChanges(w)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The differences a MISMATCH found, as one line: `reading 5 changed; 1 missing`. */
export function describeChanges(w: Pick<WindowVerification, 'changed' | 'missing' | 'extra' | 'inconsistent'>): string {
  const parts = [
    ...w.changed.map((r) => `reading ${r.readingId} changed`),
    ...(w.missing.length ? [`${w.missing.length} missing`] : []),
    ...(w.extra.length ? [`${w.extra.length} added`] : []),
    ...(w.inconsistent.length ? [`${w.inconsistent.length} inconsistent`] : []),
  ];
  return parts.join('; ') || '—';
}

function WindowReadings({ window: w }: { window: WindowVerification }) {
  const pages = useWindowReadings(w.windowId);
  const [proofOf, setProofOf] = useState<number>();
  const readings = pages.data?.pages.flatMap((p) => p.readings) ?? [];
  return (
    <section aria-labelledby="window-title">
      <h2 id="window-title">Window {w.windowId}</h2>
      <p className="muted">
        Root on the ledger <code>{w.onChainRoot ?? '—'}</code>
        {w.blockNumber !== undefined && w.blockNumber !== null && <> in block {w.blockNumber}</>}; recomputed{' '}
        <code>{w.recomputedRoot}</code>
      </p>
      {pages.error && <ErrorNotice error={pages.error} title="The window's readings could not be loaded" />}
      <div className="table-wrap" role="region" aria-label="Readings of the window" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Reading</th>
              <th scope="col">Device</th>
              <th scope="col">Sensor</th>
              <th scope="col">Time</th>
              <th scope="col">Value</th>
              <th scope="col">Proof</th>
            </tr>
          </thead>
          <tbody>
            {readings.map((r) => (
              <tr key={r.readingId}>
                <td>{r.readingId}</td>
                <td>{r.reading?.deviceId ?? 'withheld'}</td>
                <td>{r.reading?.sensor ?? '—'}</td>
                <td>{formatTime(r.reading?.ts)}</td>
                <td>
                  {r.reading ? `${r.reading.valueText}${r.reading.unit ? ` ${r.reading.unit}` : ''}` : '—'}
                </td>
                <td>
                  <button type="button" onClick={() => setProofOf(r.readingId)}>
                    Check proof of {r.readingId}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()}>
          Load more readings
        </button>
      )}
      {proofOf !== undefined && <ProofPanel readingId={proofOf} ledgerRoot={w.onChainRoot} />}
    </section>
  );
}
