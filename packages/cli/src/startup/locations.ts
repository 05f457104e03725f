// Where the units go: /etc/systemd/system/svctl-USER.service, or ~/.config/systemd/user/svctl.service.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UnitScope } from './unit-file.js';

export interface UnitLocation {
  name: string;
  dir: string;
  file: string;
  /** The symlink `systemctl enable` creates; unstartup removes it too. */
  wantedByLink: string;
  systemctl: string;
}

export function unitLocation(scope: UnitScope, runAs: string, unitDir?: string): UnitLocation {
  const name = scope === 'system' ? `svctl-${runAs}.service` : 'svctl.service';
  const dir = unitDir ?? (scope === 'system' ? '/etc/systemd/system' : path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'systemd', 'user'));
  const target = scope === 'system' ? 'multi-user.target' : 'default.target';
  return {
    name,
    dir,
    file: path.join(dir, name),
    wantedByLink: path.join(dir, `${target}.wants`, name),
    systemctl: scope === 'system' ? 'systemctl' : 'systemctl --user',
  };
}

/** A user's home folder from /etc/passwd (for `--run-as` without `--home`). */
export function passwdHome(user: string): string | undefined {
  try {
    const line = fs
      .readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((entry) => entry.split(':')[0] === user);
    return line?.split(':')[5] || undefined;
  } catch {
    return undefined;
  }
}
