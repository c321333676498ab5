import type { ReactNode } from 'react';
import type { Schemas } from '../api/client';
import { formatTime } from './format';

export type LedgerAuditEntry = Schemas['LedgerAuditEntry'];

/**
 * A ledger record's versions, newest first (as the gateway answers them), each with its time, writer (MSP and
 * identity) and transaction; `show` renders what the version held (a status, the whole record).
 */
export function LedgerHistory(props: {
  entries: LedgerAuditEntry[];
  caption: string;
  heading: string;
  show: (entry: LedgerAuditEntry) => ReactNode;
}) {
  return (
    <table className="history">
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">{props.heading}</th>
          <th scope="col">Written by</th>
          <th scope="col">Transaction</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((entry) => (
          <tr key={entry.txId}>
            <td>{formatTime(entry.timestamp)}</td>
            <td>{entry.deleted ? 'deleted' : props.show(entry)}</td>
            <td>
              {entry.actorMsp ?? '—'} <span className="actor">{entry.actorId ?? ''}</span>
            </td>
            <td>
              <code>{entry.txId}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
