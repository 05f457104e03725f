// Gateway bearer tokens: $SVCTL_HOME/tokens.json holds only SHA-256 hashes (mode 0600, written
// atomically, read without following a symlink). A token is shown once, when it is created.
import path from 'node:path';
import { ROLES, SvctlError, type Role } from '@svctl/protocol';
import { readHomeFile, whyUnreadable, writeFileAtomic } from '../runtime/home.js';
import { nodeCrypto } from './node-crypto.js';

export const TOKENS_FILE = 'tokens.json';
const TOKEN_PREFIX = 'svctl_';

interface StoredToken {
  name: string;
  role: Role;
  /** hex SHA-256 of the token. */
  hash: string;
  created_at: string;
}

export class TokenStore {
  private readonly revokeListeners = new Set<(name: string) => void>();

  private constructor(
    private readonly file: string,
    private tokens: StoredToken[],
  ) {}

  /** Reads the home's tokens.json (none yet: no tokens); a corrupt file is an error naming it. */
  static open(home: string): TokenStore {
    const file = path.join(home, TOKENS_FILE);
    let text: string;
    try {
      text = readHomeFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new TokenStore(file, []);
      throw new SvctlError('CONFIG_INVALID', `cannot read ${file} (${whyUnreadable(error)})`, {
        hint: `it must be a regular file of the daemon's user, mode 0600: move it aside and make the tokens again with \`svctl token create\``,
      });
    }
    return new TokenStore(file, parseTokens(file, text));
  }

  get size(): number {
    return this.tokens.length;
  }

  create(name: string, role: Role, now: Date): string {
    if (this.tokens.some((token) => token.name === name)) throw new SvctlError('TOKEN_EXISTS', `a token named ${name} already exists`, { hint: `svctl token revoke ${name} first` });
    const token = `${TOKEN_PREFIX}${nodeCrypto().randomBytes(32).toString('base64url')}`;
    this.save([...this.tokens, { name, role, hash: hashOf(token).toString('hex'), created_at: now.toISOString() }]);
    return token;
  }

  list(): Array<{ name: string; role: Role; created_at: string }> {
    return this.tokens.map(({ name, role, created_at }) => ({ name, role, created_at }));
  }

  revoke(name: string): void {
    if (!this.tokens.some((token) => token.name === name)) throw new SvctlError('TOKEN_NOT_FOUND', `no token named ${name}`, { hint: 'svctl token list shows the names' });
    this.save(this.tokens.filter((token) => token.name !== name));
    for (const listener of [...this.revokeListeners]) listener(name);
  }

  /** Calls listener with the name of each token revoked from now on; returns the unregister function. */
  onRevoke(listener: (name: string) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  /** The token's name, role and creation time, or undefined. Hashes are compared in constant time, each one, with no early exit. */
  verify(presented: string): { name: string; role: Role; created_at: string } | undefined {
    const hash = hashOf(presented);
    const { timingSafeEqual } = nodeCrypto();
    let found: StoredToken | undefined;
    for (const token of this.tokens) {
      if (timingSafeEqual(hash, Buffer.from(token.hash, 'hex')) && found === undefined) found = token;
    }
    return found === undefined ? undefined : { name: found.name, role: found.role, created_at: found.created_at };
  }

  /** Whether the token verified earlier still exists: not revoked (nor revoked and made again under its name). */
  isCurrent(token: { name: string; created_at: string }): boolean {
    return this.tokens.some((stored) => stored.name === token.name && stored.created_at === token.created_at);
  }

  private save(tokens: StoredToken[]): void {
    writeFileAtomic(this.file, `${JSON.stringify({ tokens }, null, 2)}\n`, 0o600);
    this.tokens = tokens;
  }
}

function hashOf(token: string): Buffer {
  return nodeCrypto().createHash('sha256').update(token).digest();
}

function parseTokens(file: string, text: string): StoredToken[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SvctlError('CONFIG_INVALID', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  const tokens = (parsed as { tokens?: unknown } | null)?.tokens;
  if (!Array.isArray(tokens) || !tokens.every(isStoredToken)) {
    throw new SvctlError('CONFIG_INVALID', `${file} must hold {"tokens": [{name, role, hash, created_at}]} with role read or admin and a hex SHA-256 hash`);
  }
  return tokens;
}

function isStoredToken(value: unknown): value is StoredToken {
  const token = value as Partial<StoredToken> | null;
  return (
    typeof token?.name === 'string' &&
    (ROLES as readonly unknown[]).includes(token.role) &&
    typeof token.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(token.hash) &&
    typeof token.created_at === 'string'
  );
}
