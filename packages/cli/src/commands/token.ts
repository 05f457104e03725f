import { ROLES, SvctlError, TokenCreate, TokenList, TokenRevoke, type Role } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import type { CommandContext } from '../context.js';
import { EXIT_OK } from '../exit-codes.js';

type Action = 'create' | 'list' | 'revoke';

export const tokenCommand = defineCommand<{ action: Action; name?: string; role?: Role }>({
  command: 'token <action> [name]',
  describe: 'Create (printed once), list or revoke the bearer tokens of the network gateway (docs/api.md)',
  example: ['svctl token create grafana --role read', 'a read-only token for a dashboard'],
  builder: (yargs) =>
    yargs
      .positional('action', { choices: ['create', 'list', 'revoke'] as const, describe: 'what to do', demandOption: true })
      .positional('name', { type: 'string', describe: 'the token name (create, revoke)' })
      .option('role', { choices: ROLES, describe: 'create: read (read-only methods) or admin (every method)' }),
  run: async (args, context) => {
    switch (args.action) {
      case 'create':
        return createToken(context, requireName(args.name, 'create'), args.role);
      case 'list':
        return listTokens(context);
      case 'revoke':
        return revokeToken(context, requireName(args.name, 'revoke'));
    }
  },
});

async function createToken(context: CommandContext, name: string, role: Role | undefined): Promise<number> {
  if (role === undefined) throw new SvctlError('USAGE', 'svctl token create needs --role read or --role admin');
  const client = await context.client();
  const created = await client.call(TokenCreate, { name, role });
  client.close();
  if (context.json) context.printJson(created);
  else {
    context.print(created.token);
    context.notice(`token ${created.name} (role ${created.role}) created; it is shown only now, the daemon keeps its hash`);
  }
  return EXIT_OK;
}

async function listTokens(context: CommandContext): Promise<number> {
  const client = await context.client();
  const { tokens } = await client.call(TokenList, {});
  client.close();
  if (context.json) context.printJson(tokens);
  else if (tokens.length === 0) context.print('no tokens');
  else for (const token of tokens) context.print(`${token.name}\t${token.role}\t${token.created_at}`);
  return EXIT_OK;
}

async function revokeToken(context: CommandContext, name: string): Promise<number> {
  const client = await context.client();
  await client.call(TokenRevoke, { name });
  client.close();
  if (context.json) context.printJson({ revoked: name });
  else context.print(`token ${name} revoked`);
  return EXIT_OK;
}

function requireName(name: string | undefined, action: string): string {
  if (name === undefined || name === '') throw new SvctlError('USAGE', `svctl token ${action} needs a token name`);
  return name;
}
