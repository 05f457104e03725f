import type { Status } from '@svctl/protocol';

const CODES: Record<Status, string> = {
  online: '32',
  starting: '36',
  stopping: '36',
  waiting: '33',
  stopped: '90',
  errored: '31',
};

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && (process.env.NO_COLOR ?? '') === '';
}

export function colorStatus(status: Status, text: string, enabled: boolean): string {
  return enabled ? `\u001b[${CODES[status]}m${text}\u001b[0m` : text;
}
