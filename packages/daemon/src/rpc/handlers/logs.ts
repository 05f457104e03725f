// logs.*: resolve the target, hand over to the LogService.
import type { LogsFlush, LogsTail } from '@svctl/protocol';
import { logViewOf } from '../../logs/app-views.js';
import type { LogService } from '../../logs/log-service.js';
import type { Supervisor } from '../../supervisor/supervisor.js';
import type { Handler } from '../handler.js';

export function tailLogs(supervisor: Supervisor, logs: LogService): Handler<typeof LogsTail> {
  return async (params, { connection }) => {
    // Resolved now, so an unknown target fails the call instead of opening an empty stream.
    const selected = params.target === undefined ? null : (await supervisor.resolveApps(params.target, params.cwd)).map(logViewOf);
    const sink = connection.openStream();
    // After the answer is written, so the client knows the subscription before its first item;
    // backlog and registration happen in one turn, so no line is missed or repeated between them.
    setImmediate(() =>
      logs.startTail(sink, selected, supervisor.allApps().map(logViewOf), params.stream ?? 'all', params.lines ?? 15, params.follow === true),
    );
    return { subscription: sink.id };
  };
}

export function flushLogs(supervisor: Supervisor, logs: LogService): Handler<typeof LogsFlush> {
  return async (params) => {
    const apps = await supervisor.resolveApps(params.target ?? 'all', params.cwd);
    return { files: await logs.flush(apps.map(logViewOf)) };
  };
}
