// state.*: the dump, saved and resurrected.
import type { StateResurrect } from '@svctl/protocol';
import { readDump } from '../../persistence/dump.js';
import type { Supervisor } from '../../supervisor/supervisor.js';
import type { Handler } from '../handler.js';

export function resurrect(supervisor: Supervisor, home: string, afterChange: () => void): Handler<typeof StateResurrect> {
  return async (params) => {
    const { path, dump } = readDump(home, params.from_backup === true);
    try {
      return { path, saved_at: dump.saved_at, apps: await supervisor.restore(dump.apps, 'resurrect'), warnings: [] };
    } finally {
      afterChange();
    }
  };
}
