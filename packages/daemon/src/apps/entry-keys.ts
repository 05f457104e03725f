// Which keys an app entry may hold, drawn from the schema so the two cannot drift.
import { AppFileEntrySchema, ENV_BLOCK_PATTERN, IGNORED_PM2_KEYS, suggestKey } from '@svctl/protocol';

export const KNOWN_ENTRY_KEYS: readonly string[] = Object.keys(AppFileEntrySchema.properties);

const envBlock = new RegExp(ENV_BLOCK_PATTERN, 'u');

export function isKnownEntryKey(key: string): boolean {
  return KNOWN_ENTRY_KEYS.includes(key) || envBlock.test(key);
}

export function isIgnoredPm2Key(key: string): boolean {
  return Object.hasOwn(IGNORED_PM2_KEYS, key);
}

export function suggestEntryKey(key: string): string | undefined {
  return suggestKey(key, KNOWN_ENTRY_KEYS);
}
