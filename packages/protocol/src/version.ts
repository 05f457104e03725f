// Bumped together with the three package.json versions (a unit test keeps them equal).
export const SVCTL_VERSION = '0.1.0';

// Major changes only when an existing method changes incompatibly; minors add methods.
export const PROTOCOL_VERSION = '1.0.0';

export function majorOf(version: string): number {
  return Number.parseInt(version.split('.')[0] ?? '', 10);
}
