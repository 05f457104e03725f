// logs.*: resolve the target, hand over to the LogService (logs.search: to the file search).
import { LOGS_SEARCH_LIMITS, SvctlError, type LogsFlush, type LogsSearch, type LogsTail } from '@svctl/protocol';
import { logViewOf } from '../../logs/app-views.js';
import type { LogService } from '../../logs/log-service.js';
import { searchSources } from '../../logs/search-sources.js';
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

/** Reads the files, not the ring: the search module (and re2js) is loaded on the first search only. */
export function searchLogs(supervisor: Supervisor, logs: LogService): Handler<typeof LogsSearch> {
  return async (params) => {
    const apps = (await supervisor.resolveApps(params.target, params.cwd)).map(logViewOf);
    const { compileSearch, searchLogFiles } = await import('../../logs/search-files.js');
    const test = compileSearch(params.pattern, params.regex === true, params.case_sensitive === true);
    if (typeof test !== 'function') {
      throw new SvctlError('INVALID_PARAMS', `logs.search: pattern ${JSON.stringify(params.pattern)} is not a regular expression svctl runs (RE2 syntax, linear time; no backreferences or lookarounds): ${test.error}`);
    }
    const sources = searchSources(apps, params.stream ?? 'all', (app) => logs.rotationFor(app.spec).maxFiles);
    return searchLogFiles(sources, test, {
      maxMatches: params.max_matches ?? LOGS_SEARCH_LIMITS.maxMatches.default,
      maxBytes: params.max_bytes ?? LOGS_SEARCH_LIMITS.maxBytes.default,
      timeLimitMs: params.time_limit_ms ?? LOGS_SEARCH_LIMITS.timeLimitMs.default,
    });
  };
}
