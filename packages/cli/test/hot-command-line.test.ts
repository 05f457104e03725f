import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommandRoute } from '../src/command.js';
import { HOT_COMMANDS, parseHotCommandLine } from '../src/hot-command-line.js';
import { parseYargsCommandLine } from '../src/yargs-command-line.js';

const GLOBALS = ['json', 'verbose', 'home', 'config', 'autostart', 'timeout'] as const;

function summary(route: CommandRoute | undefined) {
  assert.ok(route !== undefined);
  return { definition: route.definition, args: Object.fromEntries(GLOBALS.filter((key) => route.args[key] !== undefined).map((key) => [key, route.args[key]])) };
}

describe('the hot command line (ping and list without yargs)', () => {
  it('reads every command line it takes exactly as yargs does', async () => {
    const taken = [
      ['ping'],
      ['list'],
      ['ls', '--json'],
      ['status', '--verbose'],
      ['--json', 'ping'],
      ['ping', '--home', '/tmp/h', '--config', '/tmp/c.json', '--timeout', '2500', '--no-autostart'],
      ['--home=/tmp/a b', 'list', '--config=/tmp/x=y.json', '--timeout=0', '--autostart', '--json', '--verbose'],
      ['list', '--timeout', '007'],
    ];
    for (const argv of taken) {
      const hot = parseHotCommandLine(argv);
      assert.ok(hot !== undefined, `takes ${argv.join(' ')}`);
      assert.deepEqual(summary(hot), summary(await parseYargsCommandLine(argv)), argv.join(' '));
    }
  });

  it('leaves everything else to yargs: help, version, typos, extra words, options written another way', () => {
    const refused = [
      [],
      ['--help'],
      ['ping', '--help'],
      ['-h'],
      ['--version'],
      ['describe', 'web'],
      ['ping', 'extra'],
      ['pong'],
      ['list', '--watch'],
      ['ping', '--json=true'],
      ['ping', '--no-json'],
      ['ping', '--json', '--json'],
      ['ping', '--home', 'a', '--home', 'b'],
      ['ping', '--home'],
      ['ping', '--home', '--json'],
      ['ping', '--home='],
      ['ping', '--timeout', 'soon'],
      ['ping', '--timeout', '1e3'],
      ['ping', '--', 'x'],
      ['completion'],
    ];
    for (const argv of refused) assert.equal(parseHotCommandLine(argv), undefined, argv.join(' '));
  });

  it('holds only commands without options or positionals of their own', () => {
    const untouched = new Proxy({}, { get: () => assert.fail('a hot command must not add options') });
    for (const definition of HOT_COMMANDS) {
      assert.equal(definition.builder(untouched as never), untouched);
      for (const command of [definition.command].flat()) assert.doesNotMatch(command, /[<[]/);
    }
  });
});
