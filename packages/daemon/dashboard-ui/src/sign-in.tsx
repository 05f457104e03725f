// Sign-in with an API token (svctl token create NAME --role read|admin). The token field is cleared
// as soon as the daemon has answered: the page keeps only the session's CSRF token.
import { useState } from 'preact/hooks';
import { signIn, type SessionInfo } from './session.js';

export function SignIn({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    signIn(token.trim()).then(
      (session) => {
        setToken('');
        onSignedIn(session);
      },
      (failure: Error) => {
        setBusy(false);
        setError(failure.message);
      },
    );
  };
  return (
    <main class="sign-in">
      <h1>svctl</h1>
      <form onSubmit={submit} aria-describedby="sign-in-help">
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="off" required value={token} onInput={(event) => setToken(event.currentTarget.value)} />
        <p id="sign-in-help" class="help">
          Make one with <code>svctl token create NAME --role read</code> (or <code>--role admin</code> to act on apps).
        </p>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        {error !== undefined && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
