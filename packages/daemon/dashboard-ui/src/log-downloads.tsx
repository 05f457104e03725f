// Links to each instance's current log files (GET /logs/download, with the session's cookie).
export function LogDownloads({ app, instances }: { app: string; instances: readonly number[] }) {
  const shown = instances.length === 0 ? [0] : [...instances].sort((a, b) => a - b);
  return (
    <ul class="log-downloads" aria-label={`Log files of ${app}`}>
      {shown.map((instance) => (
        <li key={instance}>
          Instance {instance}:{' '}
          <DownloadLink app={app} instance={instance} stream="out" />, <DownloadLink app={app} instance={instance} stream="err" />
        </li>
      ))}
    </ul>
  );
}

function DownloadLink({ app, instance, stream }: { app: string; instance: number; stream: 'out' | 'err' }) {
  const name = stream === 'out' ? 'stdout' : 'stderr';
  return (
    <a href={`/logs/download?app=${encodeURIComponent(app)}&stream=${stream}&instance=${instance}`} download aria-label={`download ${name} of instance ${instance}`}>
      download {name}
    </a>
  );
}
