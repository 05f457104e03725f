// Merges settings from flags, environment, config file and defaults, validating each value.
import type { TSchema } from '@sinclair/typebox';
import { SvctlError } from '../errors.js';
import * as generatedValidators from '../generated/settings-validators.js';
import { fromGenerated, type GeneratedValidator } from '../issues.js';
import { parseDuration, parseSize } from '../units.js';
import { SETTINGS, SETTING_KEYS, type SettingDefinition, type SettingKey, type Settings } from './definitions.js';
import { defaultConfigPath } from './paths.js';

export type SettingSource = 'flag' | 'env' | 'file' | 'default';

export interface ResolvedSetting {
  value: unknown;
  source: SettingSource;
  /** Where exactly: `--log-level`, `SVCTL_LOG_LEVEL`, the config file's path, or `default`. */
  origin: string;
}

export interface SettingsInput {
  flags: Partial<Record<SettingKey, unknown>>;
  env: Record<string, string | undefined>;
  /** Returns the file's text, or undefined when it does not exist. */
  readFile: (path: string) => string | undefined;
}

export interface ResolvedSettings {
  values: Settings;
  sources: Record<SettingKey, ResolvedSetting>;
  configPath: string;
  configFound: boolean;
}

export function resolveSettings(input: SettingsInput): ResolvedSettings {
  const sources = {} as Record<SettingKey, ResolvedSetting>;
  const home = pickOutsideFile(SETTINGS.home, input);
  sources.home = home;
  const explicitConfig = pickOutsideFile(SETTINGS.config, input);
  const configPath = explicitConfig.source === 'default' ? defaultConfigPath(String(home.value)) : String(explicitConfig.value);
  sources.config = { ...explicitConfig, value: configPath };
  const fileText = input.readFile(configPath);
  if (fileText === undefined && explicitConfig.source !== 'default') {
    throw new SvctlError('CONFIG_INVALID', `config file ${configPath} (from ${explicitConfig.origin}) does not exist`);
  }
  const fileValues = fileText === undefined ? {} : parseConfigFile(configPath, fileText);
  for (const key of SETTING_KEYS) {
    if (key === 'home' || key === 'config') continue;
    const definition: SettingDefinition = SETTINGS[key];
    const fromFlag = input.flags[key];
    const fromEnv = input.env[definition.env];
    if (fromFlag !== undefined) sources[key] = checked(definition, fromFlag, 'flag', `--${definition.flag}`);
    else if (fromEnv !== undefined && fromEnv !== '') sources[key] = checked(definition, fromEnv, 'env', definition.env);
    else if (key in fileValues) sources[key] = checked(definition, fileValues[key], 'file', configPath);
    else sources[key] = { value: definition.default(), source: 'default', origin: 'default' };
  }
  const values = Object.fromEntries(SETTING_KEYS.map((key) => [key, sources[key].value])) as Settings;
  return { values, sources, configPath, configFound: fileText !== undefined };
}

function pickOutsideFile(definition: SettingDefinition, input: SettingsInput): ResolvedSetting {
  const fromFlag = input.flags[definition.key as SettingKey];
  if (fromFlag !== undefined) return checked(definition, fromFlag, 'flag', `--${definition.flag}`);
  const fromEnv = input.env[definition.env];
  if (fromEnv !== undefined && fromEnv !== '') return checked(definition, fromEnv, 'env', definition.env);
  return { value: definition.default(), source: 'default', origin: 'default' };
}

function parseConfigFile(configPath: string, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SvctlError('CONFIG_INVALID', `config file ${configPath} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SvctlError('CONFIG_INVALID', `config file ${configPath} must hold a JSON object of settings`);
  }
  const values = flattenGroups(parsed as Record<string, unknown>);
  for (const key of Object.keys(values)) {
    const definition = (SETTINGS as Record<string, SettingDefinition | undefined>)[key];
    if (definition === undefined) {
      throw new SvctlError('CONFIG_INVALID', `config file ${configPath}: unknown setting "${key}"`, {
        hint: `known settings: ${SETTING_KEYS.filter((k) => SETTINGS[k].inFile).join(', ')}`,
      });
    }
    if (!definition.inFile) {
      throw new SvctlError('CONFIG_INVALID', `config file ${configPath}: "${key}" cannot be set in the config file`, {
        hint: `use --${definition.flag} or ${definition.env}`,
      });
    }
  }
  return values;
}

/** A group object in the file names flat settings: "http": {"listen": x, "tls": {"cert": y}} is http_listen and http_tls_cert. */
function flattenGroups(values: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const name = `${prefix}${key}`;
    const isGroup = !(name in SETTINGS) && typeof value === 'object' && value !== null && !Array.isArray(value);
    Object.assign(flat, isGroup ? flattenGroups(value as Record<string, unknown>, `${name}_`) : { [name]: value });
  }
  return flat;
}

function checked(definition: SettingDefinition, raw: unknown, source: SettingSource, origin: string): ResolvedSetting {
  const value = typeof raw === 'string' ? coerce(definition.schema, raw) : raw;
  const schemaIssues = validateSetting(definition.key as SettingKey, value);
  const issues = schemaIssues.length > 0 ? schemaIssues : [...beyondMost(definition, value), ...(definition.refine?.(value as never) ?? []).map((message) => ({ message }))];
  if (issues.length > 0) {
    const where = source === 'file' ? `config file ${origin}` : source === 'env' ? `environment variable ${origin}` : `flag ${origin}`;
    throw new SvctlError(
      'CONFIG_INVALID',
      `invalid value ${JSON.stringify(raw)} for setting ${definition.key} (from ${where}): ${issues.map((i) => i.message).join('; ')}`,
    );
  }
  return { value, source, origin };
}

/** A size or duration past what the daemon can hold (bytes as exact integers, a timer's wait). */
function beyondMost(definition: SettingDefinition, value: unknown): Array<{ message: string }> {
  const most = definition.most;
  if (most === undefined || (typeof value !== 'string' && typeof value !== 'number')) return [];
  const parsed = most.of === 'size' ? parseSize(value) : parseDuration(value);
  return parsed !== undefined && parsed > most.value ? [{ message: `must be at most ${most.text}` }] : [];
}

/** Environment variables and flags arrive as text; read them as the schema's type. */
function coerce(schema: TSchema, raw: string): unknown {
  const type = (schema as { type?: unknown }).type;
  if (type === 'integer' || type === 'number') {
    const trimmed = raw.trim();
    return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : raw;
  }
  if (type === 'boolean') {
    const lowered = raw.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lowered)) return true;
    if (['false', '0', 'no', 'off'].includes(lowered)) return false;
  }
  if (type === 'array' || type === 'object') {
    // Structured settings (alerts) come as JSON text from a flag or an environment variable.
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

// Precompiled (scripts/generate-validators.ts): the CLI checks settings without loading ajv.
function validateSetting(key: SettingKey, value: unknown) {
  const validate = (generatedValidators as Record<string, GeneratedValidator>)[key];
  if (validate === undefined) throw new Error(`no generated validator for setting ${key}; run scripts/generate-validators.ts`);
  return fromGenerated(validate)(value);
}
