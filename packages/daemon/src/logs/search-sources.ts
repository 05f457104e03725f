// Which files logs.search reads for the selected apps: each selected stream of each instance (a file
// shared by instances, merge_logs, once), its current file then its rotated ones up to log_max_files.
import type { LogEntry } from '@svctl/protocol';
import type { AppLogView, StreamChoice } from './log-service.js';
import { parseStoredLine } from './line-format.js';
import { DISCARD } from './output-files.js';
import { rotatedName } from './rotate-files.js';
import type { SearchedFile } from './search-files.js';

export function searchSources(apps: readonly AppLogView[], stream: StreamChoice, maxFilesOf: (app: AppLogView) => number): SearchedFile[] {
  const seen = new Set<string>();
  const sources: SearchedFile[] = [];
  for (const app of apps) {
    for (const which of ['out', 'err'] as const) {
      if (stream !== 'all' && stream !== which) continue;
      for (const { instance, paths } of app.files) {
        const file = paths[which];
        if (file === DISCARD || seen.has(file)) continue;
        seen.add(file);
        const rotated = Array.from({ length: maxFilesOf(app) }, (_, index) => rotatedName(file, index + 1, false));
        sources.push({
          files: [file, ...rotated],
          toEntry: (line): LogEntry => {
            const parsed = parseStoredLine(app.spec, line);
            return { at: parsed.at, app: app.name, instance: parsed.instance ?? instance, stream: parsed.stream ?? which, msg: parsed.msg };
          },
        });
      }
    }
  }
  return sources;
}
