import { constants } from 'node:os';

/** The canonical name of a signal written as `SIGTERM`, `TERM` or `sigterm`; null when unknown. */
export function toSignal(name: string): NodeJS.Signals | null {
  const upper = name.trim().toUpperCase();
  const canonical = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  return canonical in constants.signals ? (canonical as NodeJS.Signals) : null;
}
