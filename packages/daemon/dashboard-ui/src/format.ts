// How numbers read in the fleet table.
import type { InstanceRow } from '@svctl/protocol';

/** An online instance's uptime counted from its start time at `now`, else the listed value. */
export function uptimeAt(row: InstanceRow, now: number): number {
  return row.started_at !== null && row.status === 'online' ? Math.max(0, now - Date.parse(row.started_at)) : row.uptime_ms;
}

export function formatUptime(ms: number): string {
  if (ms <= 0) return '–';
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h` : `${Math.floor(hours / 24)}d`;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '–';
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export function formatCpu(cpu: number | null): string {
  return cpu === null ? '–' : `${cpu.toFixed(1)}%`;
}
