import { formatTime } from '../common/format';
import type { Command } from './useCommands';

const FINAL = new Set(['SUCCEEDED', 'FAILED', 'REJECTED', 'EXPIRED']);

/** The commands with their lifecycle steps, each with its time and transaction, and the device-signed receipt. */
export function CommandList({ commands }: { commands: readonly Command[] }) {
  if (commands.length === 0) {
    return <p>No commands yet.</p>;
  }
  return (
    <ol className="commands">
      {commands.map((command) => (
        <li key={command.commandId} data-testid={`command-${command.commandId}`}>
          <p>
            <strong>{command.commandType}</strong> <span className={`state state-${command.state.toLowerCase()}`}>{command.state}</span>{' '}
            <span className="muted">
              {command.commandId} · by {command.issuedBy}
            </span>
          </p>
          <ol className="steps" aria-label={`Lifecycle of ${command.commandId}`}>
            <Step name="Issued" at={command.issuedAt} tx={command.issueTransactionId} />
            <Step name="Delivered" at={command.deliveredAt} tx={command.deliveryTransactionId} />
            {FINAL.has(command.state) && (
              <Step name={command.state.toLowerCase()} at={command.completedAt} tx={command.completeTransactionId} />
            )}
          </ol>
          {command.resultSha256 && <Receipt command={command} />}
        </li>
      ))}
    </ol>
  );
}

function Step({ name, at, tx }: { name: string; at?: number | null; tx?: string | null }) {
  if (!at && !tx) {
    return null;
  }
  return (
    <li>
      {name} {formatTime(at)}
      {tx && (
        <>
          {' '}
          in transaction <code>{tx}</code>
        </>
      )}
    </li>
  );
}

function Receipt({ command }: { command: Command }) {
  return (
    <details className="receipt">
      <summary>Receipt signed by the device</summary>
      <p>
        The device signed its receipt (protocol/receipt-v1.md); the gateway and the chaincode verified the signature
        with the device's registered key, and the result's hash is on the ledger in transaction <code>{command.completeTransactionId ?? '—'}</code>.
      </p>
      <dl className="facts">
        <div>
          <dt>Result SHA-256</dt>
          <dd>
            <code>{command.resultSha256}</code>
          </dd>
        </div>
        <div>
          <dt>Device's signature (base64)</dt>
          <dd>
            <code>{command.receiptSignature ?? '—'}</code>
          </dd>
        </div>
        <div>
          <dt>Parameters SHA-256</dt>
          <dd>
            <code>{command.parametersSha256}</code>
          </dd>
        </div>
      </dl>
      <pre>{JSON.stringify(command.result ?? null, null, 2)}</pre>
    </details>
  );
}
