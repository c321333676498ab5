import { useEffect, useState } from 'react';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatTime } from '../common/format';
import { LedgerHistory } from '../common/LedgerHistory';
import { useUrlFilter } from '../common/useUrlFilter';
import { type Block, HISTORY_KINDS, type HistoryKind, useBlock, useChain, useHistory, useTransaction } from './useAudit';

const KEYS = ['kind', 'id', 'tx', 'block', 'device', 'grant', 'command'] as const;

/**
 * Audit (auditors, admins): the ledger history of any device, grant or command; a transaction looked up by ID; and a
 * block browser over the channel (qscc), newest block first, each transaction with its creator, chaincode function
 * and validation code. What is looked at lives in the URL, so other screens link here (`/audit?tx=…`).
 */
export function AuditPage() {
  const [query, setQuery, setQueryAll] = useUrlFilter(KEYS);
  // Links name the record by its kind: /audit?device=d-1, /audit?grant=g-1.
  const linked = HISTORY_KINDS.find((k) => query[k] !== '');
  const kind: HistoryKind = linked ?? ((HISTORY_KINDS as readonly string[]).includes(query.kind) ? (query.kind as HistoryKind) : 'device');
  const id = linked ? query[linked] : query.id;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit</h1>
      <HistoryLookup kind={kind} id={id} onLook={(k, i) => setQueryAll({ device: '', grant: '', command: '', kind: k, id: i })} />
      <TransactionLookup txId={query.tx} onLook={(tx) => setQuery('tx', tx)} />
      <BlockBrowser block={query.block} onBlock={(b) => setQuery('block', b)} onTx={(tx) => setQuery('tx', tx)} />
    </section>
  );
}

function HistoryLookup({ kind, id, onLook }: { kind: HistoryKind; id: string; onLook: (k: HistoryKind, id: string) => void }) {
  const [draft, setDraft] = useState({ kind, id });
  useEffect(() => setDraft({ kind, id }), [kind, id]);
  const history = useHistory(kind, id);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Ledger history</h2>
      <form className="command-form" aria-label="Look up a ledger history" onSubmit={(e) => { e.preventDefault(); onLook(draft.kind, draft.id.trim()); }}>
        <label>
          Record
          <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as HistoryKind })}>
            {HISTORY_KINDS.map((k) => <option key={k}>{k}</option>)}
          </select>
        </label>
        <label>
          ID
          <input required value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} />
        </label>
        <button type="submit">Show history</button>
      </form>
      {history.error && <ErrorNotice error={history.error} title="The history could not be read" />}
      {history.data && (
        <div className="table-wrap" role="region" aria-label="History" tabIndex={0}>
          <LedgerHistory
            entries={history.data}
            caption={`Versions of ${kind} ${id}, newest first`}
            heading="Record"
            show={(e) => <pre className="record">{JSON.stringify(e.record ?? null, null, 1)}</pre>}
          />
        </div>
      )}
    </section>
  );
}

function TransactionLookup({ txId, onLook }: { txId: string; onLook: (tx: string) => void }) {
  const [draft, setDraft] = useState(txId);
  useEffect(() => setDraft(txId), [txId]);
  const tx = useTransaction(txId);
  return (
    <section aria-labelledby="tx-title">
      <h2 id="tx-title">Transaction</h2>
      <form className="command-form" aria-label="Look up a transaction" onSubmit={(e) => { e.preventDefault(); onLook(draft.trim()); }}>
        <label>
          Transaction ID
          <input required size={64} value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit">Show transaction</button>
      </form>
      {tx.error && <ErrorNotice error={tx.error} title="The transaction could not be read" />}
      {tx.data && (
        <dl className="facts" aria-label="Transaction details">
          <div><dt>Transaction</dt><dd><code>{tx.data.txId}</code></dd></div>
          <div><dt>Validation</dt><dd>{tx.data.validationCode ?? '—'}</dd></div>
          <div><dt>Creator</dt><dd>{tx.data.creatorMsp ?? '—'}</dd></div>
          <div><dt>Chaincode function</dt><dd>{tx.data.chaincode ?? '—'} {tx.data.function ?? ''}</dd></div>
          <div><dt>Time</dt><dd>{formatTime(tx.data.timestamp)}</dd></div>
        </dl>
      )}
    </section>
  );
}

function BlockBrowser({ block, onBlock, onTx }: { block: string; onBlock: (b: string) => void; onTx: (tx: string) => void }) {
  const chain = useChain();
  const height = chain.data?.height;
  const number = block !== '' ? Number(block) : height !== undefined ? height - 1 : undefined;
  const shown = useBlock(number);
  const go = (n: number) => onBlock(String(n));
  return (
    <section aria-labelledby="blocks-title">
      <h2 id="blocks-title">Blocks</h2>
      {chain.error && <ErrorNotice error={chain.error} title="The chain could not be read" />}
      {chain.data && (
        <p className="muted">
          Channel {chain.data.channel}, height {chain.data.height}, newest block hash <code>{chain.data.currentBlockHash}</code>
        </p>
      )}
      {number !== undefined && height !== undefined && (
        <p className="lifecycle">
          <button type="button" disabled={number <= 0} onClick={() => go(number - 1)}>Previous block</button>
          <span>Block {number}</span>
          <button type="button" disabled={number >= height - 1} onClick={() => go(number + 1)}>Next block</button>
          <button type="button" onClick={() => onBlock('')}>Newest</button>
        </p>
      )}
      {shown.error && <ErrorNotice error={shown.error} title={`Block ${number} could not be read`} />}
      {shown.data && <BlockView block={shown.data} onTx={onTx} />}
    </section>
  );
}

function BlockView({ block, onTx }: { block: Block; onTx: (tx: string) => void }) {
  return (
    <>
      <dl className="facts" aria-label={`Block ${block.number}`}>
        <div><dt>Data hash</dt><dd><code>{block.dataHash}</code></dd></div>
        <div><dt>Previous block hash</dt><dd><code>{block.previousHash}</code></dd></div>
      </dl>
      <div className="table-wrap" role="region" aria-label="Transactions of the block" tabIndex={0}>
        <table className="history">
          <thead>
            <tr>
              <th scope="col">Transaction</th>
              <th scope="col">Type</th>
              <th scope="col">Creator</th>
              <th scope="col">Chaincode function</th>
              <th scope="col">Validation</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {block.transactions.map((t, i) => (
              <tr key={t.txId ?? i}>
                <td>{t.txId ? <button type="button" className="link" onClick={() => onTx(t.txId!)}>{t.txId.slice(0, 16)}…</button> : '—'}</td>
                <td>{t.type}</td>
                <td>{t.creatorMsp ?? '—'}</td>
                <td>{t.chaincode ?? '—'} {t.function ?? ''}</td>
                <td>{t.validationCode ?? '—'}</td>
                <td>{formatTime(t.timestamp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
