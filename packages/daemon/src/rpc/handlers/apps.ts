// Thin handlers: params in, supervisor call, result out.
import { AppsDelete, AppsDescribe, AppsList, AppsReload, AppsReset, AppsRestart, AppsScale, AppsSignal, AppsStart, AppsStop } from '@svctl/protocol';
import type { Supervisor } from '../../supervisor/supervisor.js';
import type { Dispatcher } from '../dispatcher.js';

export function registerAppHandlers(dispatcher: Dispatcher, supervisor: Supervisor): void {
  dispatcher.register(AppsStart, (params) => supervisor.start(params));
  dispatcher.register(AppsStop, async (params) => ({ apps: await supervisor.stop(params.target, params.cwd), warnings: [] }));
  dispatcher.register(AppsRestart, async (params) => ({ apps: await supervisor.restart(params.target, params.cwd, params), warnings: [] }));
  dispatcher.register(AppsReload, async (params) => ({ apps: await supervisor.reload(params.target, params.cwd, params), warnings: [] }));
  dispatcher.register(AppsDelete, async (params) => ({ apps: await supervisor.delete(params.target, params.cwd), warnings: [] }));
  dispatcher.register(AppsScale, async (params) => ({ apps: await supervisor.scale(params.name, params.instances), warnings: [] }));
  dispatcher.register(AppsSignal, async (params) => ({ apps: await supervisor.signal(params.target, params.cwd, params.signal), warnings: [] }));
  dispatcher.register(AppsReset, async (params) => ({ apps: await supervisor.reset(params.target, params.cwd), warnings: [] }));
  dispatcher.register(AppsList, () => ({ instances: supervisor.list() }));
  dispatcher.register(AppsDescribe, async (params) => ({ apps: await supervisor.describe(params.target, params.cwd, params.show_env === true) }));
}
