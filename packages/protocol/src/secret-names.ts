// Which variables look secret: `describe` and `env` mask their values (unless --show-env / --show-secrets),
// and `svctl export` puts them in a Kubernetes Secret or a 0600 systemd EnvironmentFile instead of plain text.
const SECRET_NAME = /(secret|token|passw(or)?d|pwd|api[_-]?key|private|credential|auth|session|cookie|signature|salt|dsn)/i;

// The shell's working-folder variables contain "pwd" but hold a path, not a password.
const WORKING_FOLDER_NAMES = new Set(['PWD', 'OLDPWD']);

export const MASK = '********';

export function isSecretName(name: string): boolean {
  return !WORKING_FOLDER_NAMES.has(name) && SECRET_NAME.test(name);
}

export function maskSecrets(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, isSecretName(key) ? MASK : value]));
}
