// Security headers on every dashboard response (the page, its assets, the session routes): scripts,
// styles and connections (WebSocket included: CSP Level 3 'self' covers wss: on the same host) only
// from this origin, nothing inline, no framing, no MIME sniffing, no Referer.
export const DASHBOARD_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};
