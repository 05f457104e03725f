// The page's search run again over the app's log files on the daemon (logs.search): every line still on
// disk, current and rotated files, beyond the backlog the page holds. On request only (a button): it
// reads files, bounded by the daemon (matches, bytes, time), and says where it stopped.
import { LogsSearch, type ResultOf } from '@svctl/protocol';
import { useState } from 'preact/hooks';
import { formatBytes } from './format.js';
import { LogLines } from './log-lines.js';
import type { LogQuery } from './log-view.js';
import type { RpcSocket } from './rpc-socket.js';

type Found = { query: LogQuery; result: ResultOf<typeof LogsSearch> };

const STOPPED: Record<NonNullable<Found['result']['stopped_by']>, string> = {
  max_matches: 'stopped at the most matches a search returns; older lines were not searched',
  max_bytes: 'stopped after the most bytes a search reads; older lines were not searched',
  time_limit: 'stopped at the time limit; older lines were not searched',
  result_size: 'stopped: the matches filled an answer; older lines were not searched',
};

export function FileSearch({ app, socket, query }: { app: string; socket: RpcSocket; query: LogQuery }) {
  const [found, setFound] = useState<Found | { error: string } | 'busy' | undefined>();
  const search = () => {
    setFound('busy');
    socket.call(LogsSearch, { target: app, pattern: query.text, regex: query.regex, stream: query.stream }).then(
      (result) => setFound({ query, result }),
      (failure: Error) => setFound({ error: failure.message }),
    );
  };
  return (
    <div class="file-search">
      <button type="button" disabled={query.text === '' || found === 'busy'} onClick={search}>
        Search the log files
      </button>
      <span class="help"> the same search over every line on disk (current and rotated files), not only the lines above</span>
      {found === 'busy' && <p role="status">Searching the log files…</p>}
      {found !== undefined && found !== 'busy' && 'error' in found && <p role="alert">{found.error}</p>}
      {found !== undefined && found !== 'busy' && 'result' in found && (
        <>
          <p class="file-search-count" role="status">
            {found.result.matches.length} {found.result.matches.length === 1 ? 'match' : 'matches'} for <code>{found.query.text}</code> in the log files ({formatBytes(found.result.bytes_scanned)} read
            from {found.result.files.length} {found.result.files.length === 1 ? 'file' : 'files'}){found.result.stopped_by === null ? '' : `: ${STOPPED[found.result.stopped_by]}`}
          </p>
          <ol class="log-lines file-matches" aria-label={`Matches in the log files of ${app}`} tabIndex={0}>
            <LogLines lines={found.result.matches} />
          </ol>
        </>
      )}
    </div>
  );
}
