// The app page's logs: logs.tail with follow (the backlog, then every new line), pause, search in plain
// text or a regular expression over the lines the page holds, stdout and stderr together or apart; the
// same search over the log files on the daemon (logs.search); downloads of each instance's files.
import { LogsTail, type LogEntry } from '@svctl/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { FileSearch } from './file-search.js';
import { LogDownloads } from './log-downloads.js';
import { LogLines } from './log-lines.js';
import { appendLines, searchLines, type LogQuery, type StreamChoice } from './log-view.js';
import type { RpcSocket } from './rpc-socket.js';

/** Lines asked of each stream for the backlog (the daemon reads them from its ring, else from the files). */
const BACKLOG_LINES = 20_000;

export function AppLogs({ app, socket, instances }: { app: string; socket: RpcSocket; instances: readonly number[] }) {
  const [lines, setLines] = useState<LogEntry[]>([]);
  const [paused, setPaused] = useState<LogEntry[] | undefined>();
  const [query, setQuery] = useState<LogQuery>({ text: '', regex: false, stream: 'all' });

  useEffect(() => {
    let subscription: string | undefined;
    let left = false;
    setLines([]);
    void socket
      .subscribe(LogsTail, { target: app, lines: BACKLOG_LINES, follow: true }, (item) => setLines((current) => appendLines(current, item.entries)))
      .then((id) => (left ? socket.unsubscribe(id) : (subscription = id)));
    return () => {
      left = true;
      if (subscription !== undefined) socket.unsubscribe(subscription);
    };
  }, [app, socket]);

  // Paused: the view keeps the lines it had; new ones are counted, not shown.
  const visible = paused ?? lines;
  const result = useMemo(() => searchLines(visible, query), [visible, query]);
  return (
    <section aria-labelledby="logs-title">
      <h3 id="logs-title">Logs</h3>
      <form class="log-controls" role="search" onSubmit={(event) => event.preventDefault()}>
        <label for="log-search">Search</label>
        <input id="log-search" type="search" value={query.text} onInput={(event) => setQuery({ ...query, text: event.currentTarget.value })} />
        <label>
          <input type="checkbox" checked={query.regex} onChange={(event) => setQuery({ ...query, regex: event.currentTarget.checked })} /> Regular expression
        </label>
        <label for="log-stream">Stream</label>
        <select id="log-stream" value={query.stream} onChange={(event) => setQuery({ ...query, stream: event.currentTarget.value as StreamChoice })}>
          <option value="all">stdout and stderr</option>
          <option value="out">stdout</option>
          <option value="err">stderr</option>
        </select>
        <button type="button" aria-pressed={paused !== undefined} onClick={() => setPaused(paused === undefined ? lines : undefined)}>
          {paused === undefined ? 'Pause' : `Follow (${lines.length - paused.length} new)`}
        </button>
      </form>
      <LogDownloads app={app} instances={instances} />
      {'error' in result ? (
        <p role="alert">Not a valid regular expression: {result.error}</p>
      ) : (
        <>
          <p class="log-count" role="status">
            {result.matches} of {visible.length} lines{result.matches > result.shown.length ? ` (the newest ${result.shown.length} shown)` : ''}
          </p>
          <ol class="log-lines" aria-label={`Log lines of ${app}`} tabIndex={0}>
            <LogLines lines={result.shown} />
          </ol>
        </>
      )}
      <FileSearch app={app} socket={socket} query={query} />
    </section>
  );
}
