// Links to each instance's log files (GET /logs/download, with the session's cookie): the current file
// of each stream, then the rotated files on disk when the page opened (GET /logs/files), newest first.
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';

interface LogFileEntry {
  instance: number;
  stream: 'out' | 'err';
  rotated: number;
  name: string;
}

export function LogDownloads({ app, instances }: { app: string; instances: readonly number[] }) {
  const shown = instances.length === 0 ? [0] : [...instances].sort((a, b) => a - b);
  const rotated = useRotatedFiles(app);
  return (
    <ul class="log-downloads" aria-label={`Log files of ${app}`}>
      {shown.map((instance) => (
        <li key={instance}>
          Instance {instance}:{' '}
          <DownloadLink app={app} instance={instance} stream="out" />, <DownloadLink app={app} instance={instance} stream="err" />
          {rotated
            .filter((file) => file.instance === instance)
            .map((file) => (
              <Fragment key={`${file.stream}.${file.rotated}`}>
                , <DownloadLink app={app} instance={instance} stream={file.stream} rotated={file} />
              </Fragment>
            ))}
        </li>
      ))}
    </ul>
  );
}

/** The app's rotated log files, asked once when the page opens (none when the request fails). */
function useRotatedFiles(app: string): LogFileEntry[] {
  const [files, setFiles] = useState<LogFileEntry[]>([]);
  useEffect(() => {
    let current = true;
    fetch(`/logs/files?app=${encodeURIComponent(app)}`)
      .then((answer) => (answer.ok ? (answer.json() as Promise<{ files: LogFileEntry[] }>) : { files: [] }))
      .then(({ files }) => current && setFiles(files.filter((file) => file.rotated > 0)), () => undefined);
    return () => {
      current = false;
    };
  }, [app]);
  return files;
}

function DownloadLink({ app, instance, stream, rotated }: { app: string; instance: number; stream: 'out' | 'err'; rotated?: LogFileEntry }) {
  const name = stream === 'out' ? 'stdout' : 'stderr';
  const query = `app=${encodeURIComponent(app)}&stream=${stream}&instance=${instance}${rotated === undefined ? '' : `&rotated=${rotated.rotated}`}`;
  return (
    <a href={`/logs/download?${query}`} download aria-label={rotated === undefined ? `download ${name} of instance ${instance}` : `download rotated ${name} file ${rotated.rotated} of instance ${instance}`}>
      {rotated === undefined ? `download ${name}` : rotated.name}
    </a>
  );
}
