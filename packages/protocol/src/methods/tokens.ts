// Bearer tokens for the network gateway ($SVCTL_HOME/tokens.json keeps only their hashes).
import { Type } from '@sinclair/typebox';
import { defineMethod } from '../define.js';
import { StringEnum } from '../schema-helpers.js';
import { ROLES } from '../roles.js';

const TokenName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'Letters, digits, ".", "_" and "-".' });
const RoleSchema = StringEnum([...ROLES], { description: '`read`: read-only methods (list, describe, logs, events, samples, ping); `admin`: every method.' });

export const TokenCreate = defineMethod({
  name: 'token.create',
  description: 'Creates a bearer token with a name and a role. The token is in this answer only; the daemon keeps its SHA-256 hash. Fails with TOKEN_EXISTS for a name in use.',
  params: Type.Object({ name: TokenName, role: RoleSchema }, { additionalProperties: false }),
  result: Type.Object({ name: Type.String(), role: RoleSchema, token: Type.String({ description: 'The secret; shown once.' }) }),
});

export const TokenList = defineMethod({
  name: 'token.list',
  description: 'Names, roles and creation times of the tokens (never the tokens or their hashes).',
  params: Type.Object({}, { additionalProperties: false }),
  result: Type.Object({
    tokens: Type.Array(Type.Object({ name: Type.String(), role: RoleSchema, created_at: Type.String({ format: 'date-time' }) })),
  }),
});

export const TokenRevoke = defineMethod({
  name: 'token.revoke',
  description: 'Deletes a token; requests carrying it are refused from now on (UNAUTHORIZED) and WebSocket connections opened with it are closed (1008). Fails with TOKEN_NOT_FOUND.',
  params: Type.Object({ name: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
  result: Type.Object({ revoked: Type.String() }),
});
