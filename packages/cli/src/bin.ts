// The CLI's entry point: the only place that exits the process.
import { runCli } from './cli.js';
import { exitCodeFor } from './exit-codes.js';

// process.exit() does not wait for a pipe to take what is still buffered (a big `--json` answer
// piped to jq would be cut short), so exit once stdout and stderr have flushed.
function exitAfterFlush(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = (): void => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

runCli(process.argv.slice(2)).then(exitAfterFlush, () => exitAfterFlush(exitCodeFor('INTERNAL')));
