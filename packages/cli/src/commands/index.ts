import type { CommandDefinition } from '../command.js';
import { configCommand } from './config.js';
import { daemonCommand } from './daemon.js';
import { deployCommand } from './deploy.js';
import { describeCommand } from './describe.js';
import { envCommand } from './env.js';
import { eventsCommand } from './events.js';
import { exportCommand } from './export.js';
import { initCommand } from './init.js';
import { killCommand } from './kill.js';
import { jlistCommand, listCommand, prettylistCommand } from './list.js';
import { flushCommand, logsCommand, reloadLogsCommand } from './logs.js';
import { monitCommand } from './monit.js';
import { idCommand, pidCommand } from './pid.js';
import { pingCommand } from './ping.js';
import { resurrectCommand } from './resurrect.js';
import { saveCommand } from './save.js';
import { scaleCommand } from './scale.js';
import { signalCommand } from './signal.js';
import { startupCommand } from './startup.js';
import { unstartupCommand } from './unstartup.js';
import { updateCommand } from './update.js';
import { startCommand } from './start.js';
import { startOrReloadCommand, startOrRestartCommand } from './start-or.js';
import { tokenCommand } from './token.js';
import { deleteCommand, reloadCommand, resetCommand, restartCommand, stopCommand } from './target-verbs.js';

// Order is the order of `svctl --help`.
export const COMMANDS = [
  initCommand,
  startCommand,
  startOrReloadCommand,
  startOrRestartCommand,
  stopCommand,
  restartCommand,
  reloadCommand,
  deleteCommand,
  scaleCommand,
  signalCommand,
  resetCommand,
  listCommand,
  jlistCommand,
  prettylistCommand,
  describeCommand,
  envCommand,
  pidCommand,
  idCommand,
  logsCommand,
  flushCommand,
  reloadLogsCommand,
  monitCommand,
  eventsCommand,
  pingCommand,
  saveCommand,
  resurrectCommand,
  daemonCommand,
  killCommand,
  updateCommand,
  startupCommand,
  unstartupCommand,
  exportCommand,
  configCommand,
  tokenCommand,
  deployCommand,
] as ReadonlyArray<CommandDefinition<never>>;
