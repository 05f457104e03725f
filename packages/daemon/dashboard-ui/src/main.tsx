// The dashboard's entry: the page asks the daemon whether it has a session, then shows the sign-in
// form or the fleet.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { FleetPage } from './fleet-page.js';
import { currentSession, signOut, type SessionInfo } from './session.js';
import { SignIn } from './sign-in.js';

function App() {
  const [session, setSession] = useState<SessionInfo | undefined | 'loading'>('loading');
  useEffect(() => {
    currentSession().then(setSession, () => setSession(undefined));
  }, []);
  if (session === 'loading') return <p>Loading svctl…</p>;
  if (session === undefined) return <SignIn onSignedIn={setSession} />;
  const leave = () => {
    void signOut(session).finally(() => setSession(undefined));
  };
  return <FleetPage session={session} onSignOut={leave} onSessionLost={() => setSession(undefined)} />;
}

render(<App />, document.getElementById('root')!);
