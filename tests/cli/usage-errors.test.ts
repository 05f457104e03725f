// Every usage error is `svctl: ...` and one hint (issue 11, item 5); pm2 names by meaning first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makeHome } from '../helpers/home.js';

describe('usage errors: svctl: ... and one hint', { concurrency: true }, () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /^svctl: name a command\nhint: svctl --help lists the commands and options\n$/],
    [['stop'], /^svctl: stop needs <target>\nhint: usage: svctl stop <target>, e.g. `svctl stop api`\n$/],
    [['deploy'], /^svctl: the deploy environment is missing\nhint: usage: svctl deploy \[FILE\] ENV \[setup\|update\|revert \[N\]\|current\|previous\|list\|exec CMD\], e\.g\. `svctl deploy production` [^\n]*\n$/],
    [['dump'], /^svctl: "dump" is not an svctl command\nhint: use `svctl save` [^\n]*\n$/],
    [['strat', 'api'], /^svctl: unknown command "strat"\nhint: did you mean `svctl start`\? [^\n]*\n$/],
    [['list', '--sort', 'name'], /^svctl: list has no option --sort\nhint: `svctl list` is sorted by id\n$/],
    [['daemon', 'go'], /^svctl: daemon: action must be one of "start", "stop", "status", "restart", "reload-tls", not "go"\nhint: [^\n]*\n$/],
    [['list', '--token-file', 'ops.token'], /^svctl: --token-file goes with --host\nhint: --host https:\/\/HOST:PORT --token-file PATH reaches [^\n]*\n$/],
    [['ping', '--insecure'], /^svctl: --insecure goes with --host\nhint: [^\n]*\n$/],
  ];
  for (const [args, expected] of cases) {
    it(`svctl ${args.join(' ')}`, async (t) => {
      const result = await runCli([...args, '--no-autostart'], { home: makeHome(t) });
      assert.equal(result.code, 2);
      assert.match(result.stderr, expected);
      assert.doesNotMatch(result.stderr, /Did you mean (del|list|ping)|Not enough non-option/);
    });
  }
});
