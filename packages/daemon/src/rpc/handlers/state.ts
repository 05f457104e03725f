// Thin handlers for the dump: save and resurrect.
import { StateResurrect, StateSave } from '@svctl/protocol';
import { readDump, saveDump } from '../../state/dump.js';
import type { Supervisor } from '../../supervisor/supervisor.js';
import type { Dispatcher } from '../dispatcher.js';

export function registerStateHandlers(dispatcher: Dispatcher, supervisor: Supervisor, home: string, afterChange: () => void): void {
  dispatcher.register(StateSave, (params) => saveDump(home, supervisor.exportApps(), params.force === true));
  dispatcher.register(StateResurrect, async (params) => {
    const { path, dump } = readDump(home, params.from_backup === true);
    try {
      return { path, saved_at: dump.saved_at, apps: await supervisor.restore(dump.apps, 'resurrect'), warnings: [] };
    } finally {
      afterChange();
    }
  });
}
