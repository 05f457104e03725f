// Log entries as list items: instance and stream, then the line (stderr and svctl's own lines coloured,
// and named in text).
import type { LogEntry } from '@svctl/protocol';

export function LogLines({ lines }: { lines: readonly LogEntry[] }) {
  return (
    <>
      {lines.map((line, index) => (
        <li key={index} class={`log-${line.stream}`} data-stream={line.stream}>
          <span class="log-meta">
            [{line.instance}] {line.stream}
          </span>{' '}
          {line.msg}
        </li>
      ))}
    </>
  );
}
