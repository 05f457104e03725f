// Thin handlers for logs.*: resolve the target, hand over to the LogService.
import { LogsFlush, LogsReopen, LogsTail } from '@svctl/protocol';
import { logViewOf } from '../../logs/app-views.js';
import type { LogService } from '../../logs/log-service.js';
import type { Supervisor } from '../../supervisor/supervisor.js';
import type { Dispatcher } from '../dispatcher.js';

export function registerLogHandlers(dispatcher: Dispatcher, supervisor: Supervisor, logs: LogService): void {
  dispatcher.register(LogsTail, async (params, { connection }) => {
    // Resolved now, so an unknown target fails the call instead of opening an empty stream.
    const selected = params.target === undefined ? null : (await supervisor.resolveApps(params.target, params.cwd)).map(logViewOf);
    const sink = connection.openStream();
    // After the answer is written, so the client knows the subscription before its first item;
    // backlog and registration happen in one turn, so no line is missed or repeated between them.
    setImmediate(() =>
      logs.startTail(sink, selected, supervisor.allApps().map(logViewOf), params.stream ?? 'all', params.lines ?? 15, params.follow === true),
    );
    return { subscription: sink.id };
  });
  dispatcher.register(LogsFlush, async (params) => {
    const apps = await supervisor.resolveApps(params.target ?? 'all', params.cwd);
    return { files: await logs.flush(apps.map(logViewOf)) };
  });
  dispatcher.register(LogsReopen, async () => ({ files: await logs.reopen() }));
}
