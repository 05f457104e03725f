import type { CommandDefinition } from '../command.js';
import { configCommand } from './config.js';
import { daemonCommand } from './daemon.js';
import { pingCommand } from './ping.js';

// Order is the order of `svctl --help`.
export const COMMANDS: ReadonlyArray<CommandDefinition<never>> = [pingCommand, daemonCommand, configCommand] as ReadonlyArray<CommandDefinition<never>>;
