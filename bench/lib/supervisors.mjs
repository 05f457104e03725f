// The three supervisors a bench compares, behind one factory: svctl (./apps.mjs), pm2 (./pm2.mjs, installed
// into bench/.cache on first use) and supervisord (./supervisord.mjs, the Debian package when installed).
import { createSvctl } from './apps.mjs';
import { createPm2, ensurePm2 } from './pm2.mjs';
import { createSupervisord, supervisordMissing } from './supervisord.mjs';

const factories = { svctl: createSvctl, pm2: createPm2, supervisord: createSupervisord };

/** A fresh driver (its own home and daemon) for `kind`; `options` go to its factory (timeoutMs, ...). */
export function createSupervisor(kind, options = {}) {
  return factories[kind](options);
}

/**
 * The supervisors that can run here, from `wanted` (all three by default): pm2 is installed now (outside
 * any timing); supervisord is left out with a message on stderr when it is not installed.
 */
export function usableSupervisors(wanted = Object.keys(factories)) {
  const kinds = [];
  for (const kind of wanted) {
    if (kind === 'supervisord') {
      const missing = supervisordMissing();
      if (missing !== null) {
        console.error(missing);
        continue;
      }
    }
    if (kind === 'pm2') ensurePm2();
    kinds.push(kind);
  }
  return kinds;
}
