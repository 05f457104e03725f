// The options of verbs that read an app file (--env, --only) and of verbs that start instances (--no-wait).
import type { Argv } from 'yargs';
import type { GlobalArgs } from '../context.js';

export interface FileArgs {
  env?: string;
  only?: string;
}

export interface WaitArgs {
  wait?: boolean;
}

export function withFileOptions(yargs: Argv<GlobalArgs>): Argv<GlobalArgs> {
  return yargs
    .option('env', { type: 'string', describe: 'apply env_<name> from the file (e.g. --env production)' })
    .option('only', { type: 'string', describe: 'comma-separated app names to pick from the file' });
}

export function withWaitOption(yargs: Argv<GlobalArgs>): Argv<GlobalArgs> {
  return yargs.option('wait', { type: 'boolean', describe: 'wait for new instances to run min_uptime (or be ready) and report failures; --no-wait answers at once' });
}

/** The protocol's env_name and only, from --env and --only. */
export function fileParams(args: FileArgs): { env_name?: string; only?: string[]; umask: number } {
  const { only } = args;
  return {
    // The shell's umask gives declared log files their mode (the daemon's own umask may differ).
    umask: process.umask(),
    ...(args.env === undefined ? {} : { env_name: args.env }),
    ...(only === undefined ? {} : { only: only.split(',').map((name) => name.trim()).filter(Boolean) }),
  };
}

/** The protocol's wait, from --no-wait. */
export function waitParams(args: WaitArgs): { wait?: boolean } {
  return args.wait === false ? { wait: false } : {};
}
