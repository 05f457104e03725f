// docs/cli.md's command reference is generated from the yargs definitions: it must be fresh, and every
// command (and alias) the built `svctl --help` lists must appear in it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import type { Argv } from 'yargs';
import type { GlobalArgs } from '../../packages/cli/src/context.js';
import { CLI_DOC, declaredBy, generateCliDoc } from '../../scripts/generate-cli-docs.js';
import { runCli } from '../helpers/cli.js';

// `  svctl start [target]   Start the apps...` and `[aliases: ls, status]` in the Commands section.
function helpCommands(help: string): string[] {
  const section = help.slice(help.indexOf('Commands:'), help.indexOf('Options:'));
  const verbs = [...section.matchAll(/^ {2}svctl (\S+)/gm)].map((match) => match[1] ?? '');
  const aliases = [...section.matchAll(/\[aliases: ([^\]]+)\]/g)].flatMap((match) => (match[1] ?? '').split(', '));
  return [...verbs, ...aliases];
}

describe('docs/cli.md', () => {
  it('the command reference is up to date (run npm run generate)', () => {
    const current = fs.readFileSync(CLI_DOC, 'utf8');
    assert.equal(current, generateCliDoc(current));
  });

  it('reads every way a builder declares options (one by one, as an object, positionals) and its examples', () => {
    const declared = declaredBy((yargs: Argv<GlobalArgs>) =>
      yargs
        .positional('env', { type: 'string', describe: 'the environment' })
        .options({ force: { type: 'boolean', describe: 'overwrite' }, out: { type: 'string', alias: 'o', describe: 'folder' } })
        .check(() => true)
        .option('yes', { type: 'boolean', describe: 'do not ask' })
        .example('svctl x prod', 'to production'),
    );
    assert.deepEqual(
      declared.options.map((option) => [option.name, option.positional, option.describe]),
      [['env', true, 'the environment'], ['force', false, 'overwrite'], ['out', false, 'folder'], ['yes', false, 'do not ask']],
    );
    assert.deepEqual(declared.examples, [['svctl x prod', 'to production']]);
  });

  it('every command and alias in svctl --help is documented', async () => {
    const help = await runCli(['--help'], { home: '/nonexistent-svctl-home' });
    assert.equal(help.code, 0, help.stderr);
    const commands = helpCommands(help.stdout);
    assert.ok(commands.length > 30 && commands.includes('start') && commands.includes('ls'), `commands read from --help: ${commands.join(' ')}`);
    const doc = fs.readFileSync(CLI_DOC, 'utf8');
    const missing = commands.filter((verb) => !new RegExp(`\`svctl ${verb.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\` ]`).test(doc));
    assert.deepEqual(missing, []);
  });
});
