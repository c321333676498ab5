import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { ErrorNotice } from '../common/ErrorNotice';
import { downloadText } from '../common/download';
import { type ImportOutcome, type ImportRow, importDevices, parseDeviceCsv, REQUIRED_COLUMNS, tokensCsv } from './registration';

/**
 * Batch import: a CSV file picked in the browser (read here, never uploaded as a file), registered through
 * `POST /api/v1/devices:batch` 500 at a time with claim tokens made in the browser; the tokens are offered as one CSV
 * download, once, and forgotten afterwards.
 */
export function BatchImport() {
  const [file, setFile] = useState<{ name: string; rows: ImportRow[]; problems: string[] }>();
  const [done, setDone] = useState(0);
  const run = useMutation({ mutationFn: (rows: ImportRow[]) => importDevices(rows, setDone) });

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const picked = event.target.files?.[0];
    run.reset();
    setDone(0);
    setFile(picked ? { name: picked.name, ...parseDeviceCsv(await picked.text()) } : undefined);
  }

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">Import from a CSV file</h2>
      <p className="muted">
        Columns {REQUIRED_COLUMNS.map((c) => `${c}`).join(', ')}; any other column becomes a metadata entry. A model is <code>&lt;organisation&gt;/&lt;name&gt;</code>, such as Org1MSP/mote-v2. The
        browser makes each device's claim token; only its SHA-256 is sent.
      </p>
      <label>
        CSV file <input type="file" accept=".csv,text/csv" onChange={(e) => void pick(e)} />
      </label>
      {file && file.problems.length > 0 && (
        <div className="notice notice-error" role="alert">
          <strong>{file.name} cannot be imported:</strong>
          <ul>
            {file.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {file && file.rows.length > 0 && !run.data && (
        <p>
          {file.rows.length} device{file.rows.length === 1 ? '' : 's'} in {file.name}.{' '}
          <button type="button" disabled={run.isPending} onClick={() => run.mutate(file.rows)}>
            Register {file.rows.length} device{file.rows.length === 1 ? '' : 's'}
          </button>
          {run.isPending && (
            <span aria-live="polite">
              {' '}
              {done} of {file.rows.length} answered…
            </span>
          )}
        </p>
      )}
      {run.error && <ErrorNotice error={run.error} title="The import stopped" />}
      {run.data && <ImportResults outcome={run.data} />}
    </section>
  );
}

function ImportResults({ outcome }: { outcome: ImportOutcome }) {
  const [taken, setTaken] = useState(false);
  const count = (kind: string) => outcome.results.filter((r) => r.outcome === kind).length;
  const refused = outcome.results.filter((r) => r.outcome !== 'REGISTERED');
  function take() {
    downloadText('claim-tokens.csv', tokensCsv(outcome.tokens), 'text/csv');
    // Offered once: the tokens are dropped from the page with the button.
    outcome.tokens.length = 0;
    setTaken(true);
  }
  return (
    <div role="status" aria-label="Import result">
      <p>
        Registered {count('REGISTERED')}, already registered {count('EXISTS')}, refused {count('REFUSED')}.
      </p>
      {outcome.tokens.length > 0 && !taken && (
        <p>
          <button type="button" onClick={take}>
            Download {outcome.tokens.length} claim tokens (once)
          </button>
        </p>
      )}
      {taken && <p>The claim tokens were downloaded; the dashboard no longer holds them.</p>}
      {refused.length > 0 && (
        <table className="history">
          <caption>Devices not registered by this import</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Device</th>
              <th scope="col">Outcome</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {refused.slice(0, 200).map((r) => (
              <tr key={r.index}>
                <td>{r.index + 2}</td>
                <td>{r.deviceId ?? '—'}</td>
                <td>{r.outcome}</td>
                <td>
                  {r.code && <code className="error-code">{r.code}</code>} {r.message ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
