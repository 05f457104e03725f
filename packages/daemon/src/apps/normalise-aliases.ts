import { APP_KEY_ALIASES } from '@svctl/protocol';

export interface NormalisedAliases {
  entry: Record<string, unknown>;
  /** Alias keys dropped because their canonical key (or an earlier alias) is also set. */
  shadowed: Array<{ alias: string; canonical: string }>;
}

/** Renames pm2 alias keys (`out` → `out_file`...); the canonical key wins when both are present. */
export function normaliseAliases(entry: Record<string, unknown>): NormalisedAliases {
  const normalised = { ...entry };
  const shadowed: NormalisedAliases['shadowed'] = [];
  for (const [alias, canonical] of Object.entries(APP_KEY_ALIASES)) {
    if (!(alias in normalised)) continue;
    if (canonical in normalised) shadowed.push({ alias, canonical });
    else normalised[canonical] = normalised[alias];
    delete normalised[alias];
  }
  return { entry: normalised, shadowed };
}
