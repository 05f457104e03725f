// svctl-runtime entry point (docs/runtime.md): the daemon in the foreground as a container's main process. It
// supervises in this process, serves its socket as svctld does, starts the apps of one file through that
// socket like `svctl start`, writes their output to its own stdout/stderr, and exits with their code.
// The only place of the runtime that exits the process. Zombie reaping as PID 1 is the bin's job (bin/svctl-runtime).
import { AppsStart, SVCTL_VERSION, SvctlClient, type ParamsOf } from '@svctl/protocol';
import { bootDaemon, reportStartFailure } from './boot-daemon.js';
import { shutdownCode } from './container/end-code.js';
import { EndWatch } from './container/end-watch.js';
import { OutputSink } from './container/output-sink.js';
import { parseRuntimeArgs, RUNTIME_USAGE, type RuntimeArgs } from './container/runtime-args.js';
import { hasTriggers } from './triggers/app-triggers.js';

/** Reading and checking the app file happens in a child; generous, as on a loaded machine. */
const START_TIMEOUT_MS = 120_000;

type Outcome = { kind: 'ended'; code: number } | { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'stopped' };

async function main(argv: string[]): Promise<number> {
  const args = parseRuntimeArgs(argv);
  if (args === 'help' || args === 'version') {
    process.stdout.write(`${args === 'help' ? RUNTIME_USAGE : SVCTL_VERSION}\n`);
    return 0;
  }
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => resolve(signal));
  });
  const { settings, log, daemon } = await bootDaemon({}, () => process.exit(1));
  const { supervisor, logs, bus } = daemon.local;
  const output = new OutputSink(args.format, process.stdout, process.stderr);
  // Every app, those started later (`docker exec ... svctl start`) too; no backlog.
  logs.startTail(output, null, [], 'all', 0, true);
  const watch = new EndWatch({
    rows: () => supervisor.list(),
    restartsItself: (name) => supervisor.allApps().some((app) => app.name === name && hasTriggers(app.spec)),
    subscribe: (listener) => bus.subscribe(listener),
  });
  try {
    await startApps(settings.home, args, output);
  } catch (error) {
    await daemon.shutdown('svctl-runtime could not start the apps');
    await log.close();
    throw error;
  }
  output.say(`running (pid ${process.pid}, home ${settings.home}); SIGTERM or SIGINT stops the apps`);
  watch.arm();
  const outcome = await Promise.race<Outcome>([
    watch.ended.then((code) => ({ kind: 'ended', code })),
    signalled.then((signal) => ({ kind: 'signal', signal })),
    daemon.stopped.then(() => ({ kind: 'stopped' })),
  ]);
  if (outcome.kind === 'signal') output.say(`received ${outcome.signal}: stopping the apps within their kill_timeout`);
  if (outcome.kind === 'ended') output.say('every app has ended for good');
  await daemon.shutdown(outcome.kind === 'signal' ? `received ${outcome.signal}` : 'the apps ended');
  // Failures from before the stop keep their code; the instances the stop ended count as clean unless SIGKILLed.
  const code = outcome.kind === 'ended' ? outcome.code : shutdownCode(watch.failureCode(), supervisor.list(), outcome.kind === 'signal' ? outcome.signal : 'SIGTERM');
  watch.close();
  output.end();
  output.say(`exit code ${code}`);
  await log.close();
  // Writes to a socket (a spawning parent's stdio) are asynchronous: exiting now would cut off the last lines.
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
  return code;
}

/** `svctl start [FILE] --env --only --no-wait` through the socket this process serves. */
async function startApps(home: string, args: RuntimeArgs, output: OutputSink): Promise<void> {
  const client = await SvctlClient.connect({ home, timeoutMs: START_TIMEOUT_MS, clientName: 'svctl-runtime', clientVersion: SVCTL_VERSION });
  try {
    const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const params: ParamsOf<typeof AppsStart> = { cwd: process.cwd(), env, umask: process.umask(), wait: false };
    if (args.file !== undefined) params.file = args.file;
    if (args.envName !== undefined) params.env_name = args.envName;
    if (args.only !== undefined) params.only = args.only;
    const result = await client.call(AppsStart, params);
    for (const warning of result.warnings) output.say(`warning: ${warning}`);
    for (const app of result.apps) {
      output.say(`${app.app}: ${app.action.replaceAll('_', ' ')}${app.detail === undefined ? '' : ` (${app.detail})`}`);
      for (const warning of app.warnings ?? []) output.say(`${app.app}: warning: ${warning}`);
    }
  } finally {
    client.close();
  }
}

main(process.argv.slice(2))
  .catch((error: unknown) => reportStartFailure('svctl-runtime', error))
  .then((code) => process.exit(code), () => process.exit(1));
