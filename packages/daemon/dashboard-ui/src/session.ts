// The page's side of sign-in (docs/dashboard.md): the API token goes to the daemon once, in a POST body,
// and comes back as an HttpOnly cookie the page cannot read plus a CSRF token the page keeps in memory.
export interface SessionInfo {
  token: string;
  role: 'read' | 'admin';
  csrf: string;
  expires_at: string;
}

/** The current session (after a reload), or undefined when signed out. */
export async function currentSession(): Promise<SessionInfo | undefined> {
  const response = await fetch('/session', { credentials: 'same-origin' });
  return response.ok ? ((await response.json()) as SessionInfo) : undefined;
}

export async function signIn(token: string): Promise<SessionInfo> {
  const response = await fetch('/session', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  if (!response.ok) throw new Error(response.status === 401 ? 'That token is unknown or revoked.' : `Sign-in failed (HTTP ${response.status}).`);
  return (await response.json()) as SessionInfo;
}

export async function signOut(session: SessionInfo): Promise<void> {
  await fetch('/session', { method: 'DELETE', credentials: 'same-origin', headers: { 'x-csrf-token': session.csrf } });
}
