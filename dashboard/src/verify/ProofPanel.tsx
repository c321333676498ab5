import { Link } from 'react-router';
import { ErrorNotice } from '../common/ErrorNotice';
import { downloadText } from '../common/download';
import { formatTime } from '../common/format';
import { useReadingProof } from './useVerify';

/**
 * One reading's inclusion proof, checked in this browser (leaf encoded from the reading, hashed, folded up the path,
 * compared with the window's root on the ledger), with the anchoring transaction and a JSON download of the proof.
 */
export function ProofPanel({ readingId, ledgerRoot }: { readingId: number; ledgerRoot?: string | null }) {
  const proof = useReadingProof(readingId, ledgerRoot);
  if (proof.error) {
    return <ErrorNotice error={proof.error} title={`The proof of reading ${readingId} could not be checked`} />;
  }
  if (!proof.data) {
    return <p aria-live="polite">Checking the proof of reading {readingId}…</p>;
  }
  const { proof: p, check } = proof.data;
  const yesNo = (value: boolean | undefined, yes: string, no: string, unknown: string) =>
    value === undefined ? unknown : value ? yes : no;
  return (
    <section aria-labelledby="proof-title" className="proof">
      <h3 id="proof-title">Proof of reading {readingId}</h3>
      <p role="status" className={check.valid ? 'notice notice-ok' : 'notice notice-error'}>
        {check.valid ? 'Checked in this browser: the reading is in the anchored window.' : 'This proof does not hold.'}
      </p>
      <ul>
        <li>
          Leaf{' '}
          {yesNo(
            check.leafMatches,
            'encoded here from the reading matches the leaf hash',
            'encoded here from the reading does NOT match the leaf hash',
            'withheld (you may not read this device): the leaf hash is taken as given',
          )}
          {check.leaf && (
            <>
              : <code>{check.leaf}</code>
            </>
          )}
        </li>
        <li>
          Path of {p.proof.length} step{p.proof.length === 1 ? '' : 's'} (leaf {p.leafIndex} of {p.leafCount}):{' '}
          {check.pathProblem ?? 'folds to the root'}
        </li>
        <li>
          Root <code>{p.root}</code>{' '}
          {yesNo(check.rootOnLedger, 'is the root on the ledger', 'is NOT the root on the ledger', '(the ledger root is not known here)')}
        </li>
        <li>
          Anchored in window {p.windowId} ({formatTime(p.startTime)}) by transaction{' '}
          {p.transactionId ? <Link to={`/audit?tx=${p.transactionId}`}>{p.transactionId}</Link> : '—'}
          {p.blockNumber !== undefined && p.blockNumber !== null && <> in block {p.blockNumber}</>}
        </li>
      </ul>
      <button type="button" onClick={() => downloadText(`proof-${readingId}.json`, JSON.stringify(p, null, 2) + '\n', 'application/json')}>
        Download proof (JSON)
      </button>
    </section>
  );
}
