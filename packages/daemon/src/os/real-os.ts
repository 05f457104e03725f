// The OsSeam the daemon runs with.
import { signalGroup, terminateGroup } from './kill.js';
import { openListeners } from './listeners.js';
import type { OsSeam } from './seam.js';
import { spawnChild } from './spawn.js';

export const realOs: OsSeam = {
  spawn: spawnChild,
  signalGroup,
  terminateGroup,
  openListeners,
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
