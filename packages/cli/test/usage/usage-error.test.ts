import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMANDS } from '../../src/commands/index.js';
import { usageError } from '../../src/usage/usage-error.js';

function say(message: string, argv: string[], options: string[] = []): string {
  const error = usageError(message, { argv, commands: COMMANDS, options });
  assert.equal(error.code, 'USAGE');
  return `${error.message} | ${error.hint ?? ''}`;
}

describe('usage errors', () => {
  it('pm2 command names are recognised by meaning before spelling', () => {
    assert.equal(say('Unknown argument: reloadLogs', ['reloadLogs']), '"reloadLogs" is not an svctl command | use `svctl reload-logs` (pm2\'s reloadLogs is svctl reload-logs)');
    assert.equal(say('Unknown argument: ps', ['ps']), '"ps" is not an svctl command | use `svctl list` (pm2\'s ps is svctl list)');
  });

  it('pm2 names svctl takes as they are are commands, not errors', () => {
    const verbs = COMMANDS.flatMap((definition) => [definition.command].flat().map((command) => command.split(' ')[0]));
    for (const name of ['desc', 'info', 'show', 'kill', 'jlist', 'prettylist', 'sendSignal', 'pid', 'id', 'env', 'ls', 'status', 'monit', 'flush', 'deploy']) assert.ok(verbs.includes(name), name);
  });

  it('an unknown word is then suggested by spelling, or not at all', () => {
    assert.equal(say('Unknown argument: strat', ['strat', 'api']), 'unknown command "strat" | did you mean `svctl start`? (svctl --help lists the commands and options)');
    assert.equal(say('Unknown argument: frobnicate', ['--home', '/tmp/x', 'frobnicate']), 'unknown command "frobnicate" | svctl --help lists the commands and options');
  });

  it('an unknown option is named once, as typed, with the closest option of the command', () => {
    const options = ['json', 'max-memory-restart', 'max-restarts', 'name'];
    assert.equal(
      say('Unknown arguments: max-memry-restart, maxMemryRestart', ['start', 'app.js', '--max-memry-restart', '2'], options),
      'start has no option --max-memry-restart | did you mean --max-memory-restart? (`svctl start --help` lists its options)',
    );
    assert.equal(say('Unknown argument: force', ['start', 'app.js', '--force'], options), 'start has no option --force | svctl identifies apps by name: `svctl delete NAME` first, or `svctl restart NAME`');
    assert.equal(say('Unknown argument: daemon', ['start', 'app.js', '--no-daemon'], options), 'start has no option --no-daemon | run `svctld` itself in the foreground');
    assert.equal(say('Unknown argument: autorestrt', ['start', 'app.js', '--no-autorestrt'], [...options, 'autorestart']), 'start has no option --no-autorestrt | did you mean --no-autorestart? (`svctl start --help` lists its options)');
    assert.equal(say('Unknown argument: 3', ['-i', '3']), 'unknown command "3" | svctl --help lists the commands and options');
    assert.equal(say('Unknown argument: extra', ['list', 'extra']), 'list: unexpected argument "extra" | usage: svctl list; `svctl list --help` lists its options');
  });

  it('a missing argument shows the usage and an example, once', () => {
    assert.equal(say('Not enough non-option arguments: got 0, need at least 1', ['stop']), 'stop needs <target> | usage: svctl stop <target>, e.g. `svctl stop api`');
    assert.equal(say('Not enough non-option arguments: got 0, need at least 1', ['desc']), 'desc needs <target> | usage: svctl desc <target>, e.g. `svctl describe api --json`');
    assert.equal(say('Not enough non-option arguments: got 0, need at least 1', []), 'name a command | svctl --help lists the commands and options');
  });
});
