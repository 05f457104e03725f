import type { CommandDefinition } from '../command.js';
import { configCommand } from './config.js';
import { daemonCommand } from './daemon.js';
import { describeCommand } from './describe.js';
import { listCommand } from './list.js';
import { pingCommand } from './ping.js';
import { scaleCommand } from './scale.js';
import { signalCommand } from './signal.js';
import { startCommand } from './start.js';
import { deleteCommand, reloadCommand, resetCommand, restartCommand, stopCommand } from './target-verbs.js';

// Order is the order of `svctl --help`.
export const COMMANDS = [
  startCommand,
  stopCommand,
  restartCommand,
  reloadCommand,
  deleteCommand,
  scaleCommand,
  signalCommand,
  resetCommand,
  listCommand,
  describeCommand,
  pingCommand,
  daemonCommand,
  configCommand,
] as ReadonlyArray<CommandDefinition<never>>;
