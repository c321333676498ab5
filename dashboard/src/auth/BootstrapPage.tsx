import { type FormEvent, useRef, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { ErrorNotice } from '../common/ErrorNotice';
import { sessions } from './session';
import { useSession } from './useSession';

const EMPTY = { mspId: '', bootstrapToken: '', username: '', password: '' };

/**
 * First-admin bootstrap: an organisation's first admin is created with the one-time token the gateway wrote at its
 * first start (`<data dir>/gateway/users/bootstrap-tokens.properties`), then signed in (POST /api/v1/auth/bootstrap).
 * What was typed stays after a refusal.
 */
export function BootstrapPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Set just before this page signs the new admin in, so the session it starts sends them to /users, not /fleet.
  const bootstrapped = useRef(false);
  if (session && !bootstrapped.current) {
    return <Navigate to="/fleet" replace />;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const tokens = await unwrap(api.POST('/api/v1/auth/bootstrap', { body: draft }));
      bootstrapped.current = true;
      sessions.start(tokens);
      navigate('/users', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const field = (key: keyof typeof EMPTY, label: string, extra: Record<string, string> = {}) => (
    <>
      <label htmlFor={`bootstrap-${key}`}>{label}</label>
      <input
        id={`bootstrap-${key}`}
        required
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        {...extra}
      />
    </>
  );
  return (
    <main className="sign-in">
      <h1>BIoT-DM</h1>
      <form onSubmit={submit} aria-labelledby="bootstrap-title">
        <h2 id="bootstrap-title">First administrator</h2>
        <p className="muted">
          With the one-time token your organisation&apos;s gateway wrote at its first start. The token works once.
        </p>
        {error !== null && <ErrorNotice error={error} title="Not created" />}
        {field('mspId', 'Organisation (MSP ID)', { placeholder: 'Org1MSP' })}
        {field('bootstrapToken', 'Bootstrap token', { autoComplete: 'off' })}
        {field('username', 'Username', { autoComplete: 'username' })}
        {field('password', 'Password', { type: 'password', autoComplete: 'new-password' })}
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create and sign in'}
        </button>
        <Link to="/sign-in">Sign in instead</Link>
      </form>
    </main>
  );
}
