// What every command gets: the resolved settings, output helpers, and a way to reach the daemon.
import { readConfigFileIfExists, resolveSettings, SvctlError, type ResolvedSettings, type SettingKey, type SvctlClient } from '@svctl/protocol';
import { connect, connectWithin, startDaemonProcess, type DaemonTarget } from './daemon-launcher.js';
import { connectRemote } from './remote.js';

export interface GlobalArgs {
  json?: boolean;
  verbose?: boolean;
  home?: string;
  config?: string;
  autostart?: boolean;
  timeout?: number;
  /** A remote daemon's gateway, https://HOST:PORT (docs/api.md); then --token-file is needed. */
  host?: string;
  'token-file'?: string;
  insecure?: boolean;
}

export interface CommandContext {
  settings: ResolvedSettings;
  target: DaemonTarget;
  /** --host: the remote gateway the client reaches (undefined: this machine's daemon over its socket). */
  remote: string | undefined;
  json: boolean;
  /** Connects to the daemon, starting it first when none runs (unless autostart is off). */
  client(): Promise<SvctlClient>;
  /** Connects only if a daemon already runs. */
  existingClient(): Promise<SvctlClient>;
  print(text: string): void;
  printJson(value: unknown): void;
  notice(text: string): void;
}

export function createContext(args: GlobalArgs): CommandContext {
  const flags: Partial<Record<SettingKey, unknown>> = {};
  for (const key of ['home', 'config', 'autostart', 'timeout'] as const) {
    if (args[key] !== undefined) flags[key] = args[key];
  }
  const settings = resolveSettings({ flags, env: process.env, readFile: readConfigFileIfExists });
  const target: DaemonTarget = {
    home: settings.values.home,
    configPath: settings.sources.config.source === 'default' ? undefined : settings.values.config,
    timeoutMs: settings.values.timeout,
  };
  const notice = (text: string) => process.stderr.write(`svctl: ${text}\n`);
  const remoteOnly = args['token-file'] !== undefined ? '--token-file' : args.insecure === true ? '--insecure' : undefined;
  if (args.host === undefined && remoteOnly !== undefined) {
    throw new SvctlError('USAGE', `${remoteOnly} goes with --host`, { hint: "--host https://HOST:PORT --token-file PATH reaches a remote daemon's gateway; without --host svctl uses this machine's socket" });
  }
  if (args.host !== undefined) {
    const remote = () => connectRemote({ host: args.host ?? '', tokenFile: args['token-file'], insecure: args.insecure === true, timeoutMs: target.timeoutMs }, notice);
    return { ...outputs(args, notice), settings, target, remote: args.host, existingClient: remote, client: remote };
  }
  return {
    settings,
    target,
    remote: undefined,
    existingClient: () => connect(target),
    client: async () => {
      try {
        return await connect(target);
      } catch (error) {
        if (!(error instanceof SvctlError) || error.code !== 'DAEMON_UNREACHABLE') throw error;
        if (!settings.values.autostart) {
          throw new SvctlError('DAEMON_UNREACHABLE', `no daemon is running for ${target.home}`, { hint: 'start it with `svctl daemon start`, or drop --no-autostart' });
        }
        notice(`no daemon running; starting one in the background (home ${target.home})`);
        await startDaemonProcess(target);
        return connectWithin(target, 5_000);
      }
    },
    ...outputs(args, notice),
  };
}

function outputs(args: GlobalArgs, notice: (text: string) => void): Pick<CommandContext, 'json' | 'print' | 'printJson' | 'notice'> {
  return {
    json: args.json === true,
    print: (text) => process.stdout.write(`${text}\n`),
    printJson: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    notice,
  };
}
