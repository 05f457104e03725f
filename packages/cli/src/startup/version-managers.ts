// Node installed by a version manager lives under a versioned path that an upgrade (or uninstalling
// that version) removes, and the unit would then fail with status 203/EXEC (pm2's pain point: #2006, #3115).
const MANAGERS: ReadonlyArray<readonly [string, RegExp]> = [
  ['nvm', /\/\.nvm\/versions\//],
  ['n', /\/n\/versions\//],
  ['volta', /\/\.volta\//],
  ['fnm', /\/fnm\/node-versions\/|\/fnm_multishells\/|\/\.fnm\//],
  ['asdf', /\/\.asdf\/installs\//],
];

/** The version manager whose folder holds this path, or null. */
export function detectVersionManager(file: string): string | null {
  return MANAGERS.find(([, pattern]) => pattern.test(file))?.[0] ?? null;
}
