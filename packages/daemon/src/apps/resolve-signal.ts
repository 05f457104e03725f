import os from 'node:os';
import { suggestKey } from '@svctl/protocol';

const SIGNAL_NAMES = Object.keys(os.constants.signals);

export type SignalResolution = { signal: string } | { error: string; suggestion?: string };

/** `SIGTERM`, `sigterm` or `TERM` → `SIGTERM`; anything the OS does not know is an error. */
export function resolveSignal(value: string): SignalResolution {
  const upper = value.trim().toUpperCase();
  const signal = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  if (SIGNAL_NAMES.includes(signal)) return { signal };
  const suggestion = suggestKey(signal, SIGNAL_NAMES);
  const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
  return { error: `key "stop_signal" is not a known signal: ${JSON.stringify(value)}${hint}`, ...(suggestion === undefined ? {} : { suggestion }) };
}
