import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SvctlError, SVCTL_VERSION } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import type { CommandContext } from '../context.js';
import { daemonEntry, readDaemonPid, isAlive } from '../daemon-launcher.js';
import { EXIT_OK } from '../exit-codes.js';
import { refuseRemote } from '../local-only.js';
import { longestKillTimeout } from '../startup/kill-timeouts.js';
import { passwdHome, unitLocation, type UnitLocation } from '../startup/locations.js';
import { renderUnit, stopTimeoutSec, type UnitScope } from '../startup/unit-file.js';
import { detectVersionManager } from '../startup/version-managers.js';

export interface StartupArgs {
  init?: string;
  install?: boolean;
  user?: boolean;
  'run-as'?: string;
  'unit-dir'?: string;
}

export const startupCommand = defineCommand<StartupArgs>({
  command: 'startup [init]',
  describe: 'Print (or --install) a systemd unit that starts the daemon at boot and resurrects the saved apps',
  example: ['svctl startup systemd --user --install', 'start svctld with your user session (or at boot with linger)'],
  builder: (yargs) =>
    yargs
      .positional('init', { type: 'string', choices: ['systemd'], default: 'systemd', describe: 'init system' })
      .option('install', { type: 'boolean', describe: 'write the unit file and print the systemctl commands that enable it' })
      .option('user', { type: 'boolean', describe: 'a user unit (~/.config/systemd/user/svctl.service) instead of a system unit' })
      .option('run-as', { type: 'string', describe: 'system unit: the user svctld and its apps run as (default: you)' })
      .option('unit-dir', { type: 'string', describe: 'write the unit into this folder instead of the standard one' }),
  run: async (args, context) => {
    refuseRemote(context, 'startup');
    const plan = await planUnit(args, context);
    const warnings = nodeWarnings(plan.scope);
    for (const warning of warnings) context.notice(`warning: ${warning}`);
    if (args.install !== true) {
      if (context.json) context.printJson({ unit: plan.unit, path: plan.location.file, installed: false, warnings });
      else {
        process.stdout.write(plan.unit);
        context.notice(`install it with: svctl startup systemd${plan.scope === 'user' ? ' --user' : ''} --install (writes ${plan.location.file})`);
      }
      return EXIT_OK;
    }
    writeUnit(plan.location, plan.unit, plan.scope, args);
    const commands = enableCommands(plan.location, plan.scope, plan.runAs, context);
    if (context.json) context.printJson({ unit: plan.unit, path: plan.location.file, installed: true, commands, warnings });
    else {
      context.print(`wrote ${plan.location.file}`);
      context.print('to enable it, run:');
      for (const command of commands) context.print(`  ${command}`);
    }
    return EXIT_OK;
  },
});

interface UnitPlan {
  scope: UnitScope;
  runAs: string;
  location: UnitLocation;
  unit: string;
}

async function planUnit(args: StartupArgs, context: CommandContext): Promise<UnitPlan> {
  const scope: UnitScope = args.user === true ? 'user' : 'system';
  if (scope === 'user' && args['run-as'] !== undefined) throw new SvctlError('USAGE', '--run-as is for system units; a user unit runs as the user who enables it');
  const runAs = args['run-as'] ?? os.userInfo().username;
  const home = unitHome(context, runAs, args['run-as'] !== undefined);
  const kill = await longestKillTimeout(context);
  const configSource = context.settings.sources.config.source;
  const unit = renderUnit({
    scope,
    node: process.execPath,
    daemon: daemonEntry(),
    home,
    ...(configSource === 'default' ? {} : { config: path.resolve(context.settings.values.config) }),
    ...(scope === 'system' ? { user: runAs } : {}),
    timeoutStopSec: stopTimeoutSec(kill.ms),
    timeoutBasis: kill.basis,
    version: SVCTL_VERSION,
  });
  return { scope, runAs, location: unitLocation(scope, runAs, args['unit-dir']), unit };
}

/** The daemon's SVCTL_HOME: the one in effect, or ~USER/.svctl for `--run-as USER` without an explicit home. */
function unitHome(context: CommandContext, runAs: string, runAsGiven: boolean): string {
  if (!runAsGiven || context.settings.sources.home.source !== 'default') return path.resolve(context.settings.values.home);
  const userHome = passwdHome(runAs);
  if (userHome === undefined) throw new SvctlError('USAGE', `no user "${runAs}" in /etc/passwd`, { hint: 'pass --home to choose the daemon\'s SVCTL_HOME' });
  return path.join(userHome, '.svctl');
}

function nodeWarnings(scope: UnitScope): string[] {
  const warnings: string[] = [];
  for (const [what, file] of [['node', process.execPath], ['svctld', daemonEntry()]] as const) {
    const manager = detectVersionManager(file);
    if (manager !== null) {
      warnings.push(
        `${what} lives under ${manager} (${file}): upgrading or removing that version breaks the unit (status 203/EXEC). ` +
          `After an upgrade, regenerate it: svctl unstartup${scope === 'user' ? ' --user' : ''} && svctl startup systemd${scope === 'user' ? ' --user' : ''} --install`,
      );
    }
  }
  return warnings;
}

function writeUnit(location: UnitLocation, unit: string, scope: UnitScope, args: StartupArgs): void {
  try {
    if (scope === 'user' || args['unit-dir'] !== undefined) fs.mkdirSync(location.dir, { recursive: true });
    fs.writeFileSync(location.file, unit, { mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SvctlError('UNIT_INSTALL_FAILED', `cannot write ${location.file}: ${code ?? (error as Error).message}`, {
      hint:
        scope === 'system'
          ? `a system unit needs root: sudo env "PATH=$PATH" ${process.argv[1] ?? 'svctl'} startup systemd --install --run-as ${os.userInfo().username} --home ${path.resolve(process.env.SVCTL_HOME ?? path.join(os.homedir(), '.svctl'))} (or use --user)`
          : `check that ${location.dir} is writable`,
      cause: error,
    });
  }
}

function enableCommands(location: UnitLocation, scope: UnitScope, runAs: string, context: CommandContext): string[] {
  const commands: string[] = [];
  const pid = readDaemonPid(context.target.home);
  if (pid !== undefined && isAlive(pid)) {
    // Two daemons cannot share a home: hand the running one's apps over to the unit.
    commands.push('svctl save   # the unit resurrects this list at every start', 'svctl daemon stop   # systemd runs the daemon from now on');
  }
  const sudo = scope === 'system' && process.getuid?.() !== 0 ? 'sudo ' : '';
  commands.push(`${sudo}${location.systemctl} daemon-reload`, `${sudo}${location.systemctl} enable --now ${location.name}`);
  if (scope === 'user') commands.push(`loginctl enable-linger ${runAs}   # start at boot, not only at login`);
  return commands;
}
