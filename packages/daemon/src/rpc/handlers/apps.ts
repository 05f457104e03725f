// Thin handlers: params in, supervisor call, result out.
import { AppsDelete, AppsDescribe, AppsList, AppsReload, AppsReset, AppsRestart, AppsScale, AppsSignal, AppsStart, AppsStop } from '@svctl/protocol';
import type { Supervisor } from '../../supervisor/supervisor.js';
import type { Dispatcher } from '../dispatcher.js';

// `afterChange` runs once a changing verb is done (even when it failed), before the answer: the daemon
// records its crash journal there, so an acknowledged start or stop is already on disk.
export function registerAppHandlers(dispatcher: Dispatcher, supervisor: Supervisor, afterChange: () => void = () => undefined): void {
  const committed = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      afterChange();
    }
  };
  dispatcher.register(AppsStart, (params) => committed(() => supervisor.start(params)));
  dispatcher.register(AppsStop, (params) => committed(async () => ({ apps: await supervisor.stop(params.target, params.cwd), warnings: [] })));
  dispatcher.register(AppsRestart, (params) => committed(async () => ({ apps: await supervisor.restart(params.target, params.cwd, params), warnings: [] })));
  dispatcher.register(AppsReload, (params) => committed(async () => ({ apps: await supervisor.reload(params.target, params.cwd, params), warnings: [] })));
  dispatcher.register(AppsDelete, (params) => committed(async () => ({ apps: await supervisor.delete(params.target, params.cwd), warnings: [] })));
  dispatcher.register(AppsScale, (params) => committed(async () => ({ apps: await supervisor.scale(params.name, params.instances), warnings: [] })));
  dispatcher.register(AppsSignal, async (params) => ({ apps: await supervisor.signal(params.target, params.cwd, params.signal), warnings: [] }));
  dispatcher.register(AppsReset, (params) => committed(async () => ({ apps: await supervisor.reset(params.target, params.cwd), warnings: [] })));
  dispatcher.register(AppsList, () => ({ instances: supervisor.list() }));
  dispatcher.register(AppsDescribe, async (params) => ({ apps: await supervisor.describe(params.target, params.cwd, params.show_env === true) }));
}
