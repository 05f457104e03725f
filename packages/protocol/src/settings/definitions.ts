// Every daemon and CLI setting, defined once: key, default, environment variable, CLI flag, schema.
// Precedence (see resolve.ts): flag > environment > config file > default.
import os from 'node:os';
import path from 'node:path';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { StringEnum } from '../schema-helpers.js';
import { SIZE_STRING_PATTERN } from '../units.js';

export type SettingScope = 'daemon' | 'cli' | 'both';

export interface SettingDefinition<S extends TSchema = TSchema> {
  readonly key: string;
  readonly description: string;
  readonly schema: S;
  readonly default: () => Static<S>;
  readonly env: string;
  readonly flag: string;
  readonly scope: SettingScope;
  /** home and config locate the config file, so they cannot come from it. */
  readonly inFile: boolean;
}

function setting<S extends TSchema>(definition: SettingDefinition<S>): SettingDefinition<S> {
  return definition;
}



export const SETTINGS = {
  home: setting({
    key: 'home',
    description: 'Folder holding the socket, pid file, logs and state (created with mode 0700).',
    schema: Type.String({ minLength: 1 }),
    default: () => path.join(os.homedir(), '.svctl'),
    env: 'SVCTL_HOME',
    flag: 'home',
    scope: 'both',
    inFile: false,
  }),
  config: setting({
    key: 'config',
    description: 'Path of the JSON config file (default: $SVCTL_HOME/config.json; a missing default file is fine).',
    schema: Type.String({ minLength: 1 }),
    default: () => '',
    env: 'SVCTL_CONFIG',
    flag: 'config',
    scope: 'both',
    inFile: false,
  }),
  log_level: setting({
    key: 'log_level',
    description: "Level of the daemon's own log.",
    schema: StringEnum(['debug', 'info', 'warn', 'error']),
    default: () => 'info' as const,
    env: 'SVCTL_LOG_LEVEL',
    flag: 'log-level',
    scope: 'daemon',
    inFile: true,
  }),
  daemon_log_max_size: setting({
    key: 'daemon_log_max_size',
    description: "Size at which the daemon's own log is rotated (e.g. 10M).",
    schema: Type.String({ pattern: SIZE_STRING_PATTERN }),
    default: () => '10M',
    env: 'SVCTL_DAEMON_LOG_MAX_SIZE',
    flag: 'daemon-log-max-size',
    scope: 'daemon',
    inFile: true,
  }),
  daemon_log_max_files: setting({
    key: 'daemon_log_max_files',
    description: "Rotated files of the daemon's own log kept.",
    schema: Type.Integer({ minimum: 1, maximum: 1000 }),
    default: () => 5,
    env: 'SVCTL_DAEMON_LOG_MAX_FILES',
    flag: 'daemon-log-max-files',
    scope: 'daemon',
    inFile: true,
  }),
  autostart: setting({
    key: 'autostart',
    description: 'Start the daemon in the background when a command needs it and none runs.',
    schema: Type.Boolean(),
    default: () => true,
    env: 'SVCTL_AUTOSTART',
    flag: 'autostart',
    scope: 'cli',
    inFile: true,
  }),
  timeout: setting({
    key: 'timeout',
    description: 'How long the CLI waits for an answer from the daemon, in milliseconds.',
    schema: Type.Integer({ minimum: 100, maximum: 3_600_000 }),
    default: () => 60_000,
    env: 'SVCTL_TIMEOUT',
    flag: 'timeout',
    scope: 'cli',
    inFile: true,
  }),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type Settings = { -readonly [K in SettingKey]: Static<(typeof SETTINGS)[K]['schema']> };
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
