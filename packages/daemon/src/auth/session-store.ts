// Dashboard sessions: a browser exchanges an API token for a session id (kept in an HttpOnly cookie)
// and a CSRF token (kept by the page). Sessions live in memory only (a daemon restart signs everyone
// out), expire after SESSION_TTL_MS, and end when their token is revoked. Only hashes of the ids are kept.
import crypto from 'node:crypto';
import type { Role } from '@svctl/protocol';

/** Eight hours: a working day, then sign in again. */
export const SESSION_TTL_MS = 8 * 60 * 60_000;
/** Beyond this, the oldest session is ended to make room (each one needs a valid token to create). */
const MAX_SESSIONS = 1000;

export interface SessionToken {
  readonly name: string;
  readonly role: Role;
  readonly created_at: string;
}

export interface Session {
  readonly token: SessionToken;
  readonly csrf: string;
  readonly expiresAt: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  /** What to close when a session ends (its open WebSockets), by session key. */
  private readonly closers = new Map<string, Set<() => void>>();

  constructor(
    /** Whether the token a session came from still exists (not revoked since). */
    private readonly tokenIsCurrent: (token: SessionToken) => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session for a verified token: its id (for the cookie) and the session (its CSRF token for the page). */
  create(token: SessionToken): { id: string; session: Session } {
    this.sweep();
    if (this.sessions.size >= MAX_SESSIONS) this.forget(this.sessions.keys().next().value as string);
    const id = randomToken();
    const session: Session = { token, csrf: randomToken(), expiresAt: this.now() + SESSION_TTL_MS };
    this.sessions.set(keyOf(id), session);
    return { id, session };
  }

  /** The live session with this id, or undefined (unknown, expired, or its token revoked: then it is forgotten). */
  find(id: string): Session | undefined {
    const key = keyOf(id);
    const session = this.sessions.get(key);
    if (session === undefined) return undefined;
    if (session.expiresAt <= this.now() || !this.tokenIsCurrent(session.token)) {
      this.forget(key);
      return undefined;
    }
    return session;
  }

  /** Ends a session (sign-out), closing what was registered with onEnd; false when there was none. */
  end(id: string): boolean {
    return this.forget(keyOf(id));
  }

  /** Calls close when the session ends (sign-out, or found expired or revoked); returns the unregister function. */
  onEnd(id: string, close: () => void): () => void {
    const key = keyOf(id);
    const set = this.closers.get(key) ?? new Set();
    this.closers.set(key, set.add(close));
    return () => {
      set.delete(close);
      if (set.size === 0 && this.closers.get(key) === set) this.closers.delete(key);
    };
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, session] of this.sessions) if (session.expiresAt <= now) this.forget(key);
  }

  private forget(key: string): boolean {
    const existed = this.sessions.delete(key);
    const closers = this.closers.get(key);
    this.closers.delete(key);
    for (const close of closers ?? []) close();
    return existed;
  }
}

/** Constant-time comparison of a presented CSRF token with the session's. */
export function csrfMatches(session: Session, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const expected = Buffer.from(session.csrf);
  const given = Buffer.from(presented);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

function keyOf(id: string): string {
  return crypto.createHash('sha256').update(id).digest('base64url');
}
