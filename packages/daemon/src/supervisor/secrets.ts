// `describe` and `env` mask values of variables whose names look secret, unless --show-env / --show-secrets.
const SECRET_NAME = /(secret|token|passw(or)?d|pwd|api[_-]?key|private|credential|auth|session|cookie|signature|salt|dsn)/i;

export const MASK = '********';

export function maskSecrets(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, SECRET_NAME.test(key) ? MASK : value]));
}
