// The dashboard's sign-in and sign-out (docs/dashboard.md): POST /session exchanges an API token (JSON
// body) for a session cookie and a CSRF token; GET /session tells a reloaded page who it is signed in
// as (and its CSRF token again); DELETE /session ends the session on the daemon.
import type http from 'node:http';
import { SvctlError, isObject } from '@svctl/protocol';
import type { Session } from '../auth/session-store.js';
import type { Credentials } from './admission.js';
import { DASHBOARD_HEADERS } from './dashboard-headers.js';
import { sendError, sendJson } from './http-reply.js';
import { readBodyWithin } from './request-body.js';
import type { Route } from './routes.js';
import { clearedSessionCookie, sameOrigin, sessionCookie, sessionIdOf } from './session-cookie.js';

/** A sign-in body is a token in JSON: far below this. */
const MAX_SIGN_IN_BYTES = 4096;

export function sessionRoutes(credentials: Credentials): Route[] {
  const { tokens, sessions } = credentials;
  return [
    {
      method: 'POST',
      path: '/session',
      // The token in the body is the credential: checked here, against the one token store.
      access: 'open',
      serve: ({ request, response }) => {
        if (!sameOrigin(request, 'http')) {
          request.resume();
          sendDashboardError(response, 403, new SvctlError('FORBIDDEN', `sign-in from another site (Origin ${request.headers.origin ?? ''}) is refused`));
          return;
        }
        void readBodyWithin(request, MAX_SIGN_IN_BYTES).then((body) => {
          const presented = body.ok ? tokenOfBody(body.text) : undefined;
          if (presented === undefined) {
            sendDashboardError(response, 400, new SvctlError('INVALID_PARAMS', `POST /session takes a JSON body {"token": "svctl_..."} of at most ${MAX_SIGN_IN_BYTES} bytes`));
            return;
          }
          const token = tokens.verify(presented);
          if (token === undefined) {
            sendDashboardError(response, 401, new SvctlError('UNAUTHORIZED', 'an unknown or revoked token', { hint: 'svctl token create NAME --role read makes one' }));
            return;
          }
          const { id, session } = sessions.create(token);
          sendJson(response, 201, describe(session), { ...DASHBOARD_HEADERS, 'set-cookie': sessionCookie(id, session.expiresAt) });
        });
      },
    },
    {
      method: 'GET',
      path: '/session',
      access: 'token',
      serve: ({ request, response }) => {
        const session = sessionOf(request);
        if (session === undefined) {
          sendDashboardError(response, 401, new SvctlError('UNAUTHORIZED', 'no dashboard session (a bearer token has none)'));
          return;
        }
        sendJson(response, 200, describe(session), DASHBOARD_HEADERS);
      },
    },
    {
      method: 'DELETE',
      path: '/session',
      // access `token` with a cookie checks the CSRF token: another site cannot sign the user out.
      access: 'token',
      serve: ({ request, response }) => {
        const id = sessionIdOf(request);
        const ended = id !== undefined && sessions.end(id);
        sendJson(response, 200, { ended }, { ...DASHBOARD_HEADERS, 'set-cookie': clearedSessionCookie() });
      },
    },
  ];

  function sessionOf(request: http.IncomingMessage): Session | undefined {
    const id = sessionIdOf(request);
    return id === undefined ? undefined : sessions.find(id);
  }
}

/** What the page learns of its session: who, which role, until when, and the CSRF token to send back. */
function describe(session: Session): Record<string, unknown> {
  return { token: session.token.name, role: session.token.role, csrf: session.csrf, expires_at: new Date(session.expiresAt).toISOString() };
}

function sendDashboardError(response: http.ServerResponse, status: number, error: SvctlError): void {
  sendError(response, status, error, undefined, DASHBOARD_HEADERS);
}

function tokenOfBody(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return isObject(body) && typeof body.token === 'string' && body.token !== '' ? body.token : undefined;
  } catch {
    return undefined;
  }
}
