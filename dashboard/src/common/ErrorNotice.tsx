import { ApiError } from '../api/errors';

/** Shows an error with its catalogue code and message (and the transaction ID of a ledger failure). */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const apiError = error instanceof ApiError ? error : null;
  const code = apiError?.code ?? 'CLIENT_ERROR';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="notice notice-error" role="alert">
      {title && <strong>{title}: </strong>}
      <code className="error-code">{code}</code> {message}
      {apiError?.transactionId && (
        <>
          {' '}
          (transaction <code>{apiError.transactionId}</code>)
        </>
      )}
      {apiError && apiError.violations.length > 0 && (
        <ul>
          {apiError.violations.map((v) => (
            <li key={v.field}>
              <code>{v.field}</code>: {v.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
