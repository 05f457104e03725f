// A reload's rollout: instances replaced one at a time, so capacity never drops. Each replacement is started
// and must be ready (online, so ready with readiness checks; and listening in cluster mode when the instance
// it replaces was listening) within listen_timeout; only then is the old instance stopped, which in cluster
// mode first takes it out of rotation and lets it finish its requests (cluster/cluster-host.ts). A replacement
// that is not ready in time is stopped, the rollout stops there and the old instance keeps serving.
import { SvctlError } from '@svctl/protocol';
import { readyTimeoutOf } from '../health/instance-checks.js';
import type { Unit } from '../lifecycle/unit.js';
import type { ManagedApp } from './managed-app.js';

/** Replaces every instance; returns one line per step with its duration (for `svctl reload`). */
export async function replaceInstances(app: ManagedApp, now: () => number): Promise<string[]> {
  const steps: string[] = [];
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const start = now();
    const result = await work();
    return [result, now() - start];
  };
  for (const [index, old] of [...app.units].entries()) {
    const label = `${app.name}[${old.instance}]`;
    const fresh = app.createUnit(old.instance);
    const [, startMs] = await timed(() => fresh.start('reload'));
    if (fresh.status !== 'online') {
      // The new instance failed (spawn, exit, or not ready within listen_timeout): keep the old one serving and say so.
      const { reason, detail } = fresh.snapshot();
      await abandon(app, fresh, 'reload', '');
      throw failed(label, reason ?? 'spawn_failed', `${reason ?? 'not started'}: ${detail}`, steps);
    }
    const pid = fresh.pid;
    steps.push(`${label} new pid ${pid} online in ${startMs} ms`);
    const cluster = app.cluster;
    const oldPid = old.pid;
    if (cluster !== null && pid !== null && oldPid !== null && cluster.isListening(oldPid)) {
      const timeoutMs = readyTimeoutOf(app.spec);
      const [listening, listenMs] = await timed(() => cluster.waitListening(pid, timeoutMs));
      if (!listening) {
        const detail = `the new worker (pid ${pid}) did not listen within listen_timeout ${timeoutMs} ms`;
        await abandon(app, fresh, 'reload_not_ready', detail);
        throw failed(label, 'reload_not_ready', detail, steps);
      }
      steps.push(`${label} new pid ${pid} listening in ${listenMs} ms`);
    }
    app.units[index] = fresh;
    const [, stopMs] = await timed(() => old.stop('reload'));
    old.dispose();
    steps.push(`${label} old pid ${oldPid ?? '-'} ${cluster === null ? 'stopped' : 'out of rotation, drained and stopped'} in ${stopMs} ms`);
  }
  return steps;
}

async function abandon(app: ManagedApp, fresh: Unit, cause: 'reload' | 'reload_not_ready', detail: string): Promise<void> {
  await fresh.stop(cause, detail);
  app.releaseUnit(fresh);
}

function failed(label: string, reason: string, detail: string, steps: string[]): SvctlError {
  const done = steps.length === 0 ? '' : ` (done before: ${steps.join('; ')})`;
  return new SvctlError('RELOAD_FAILED', `reload of ${label} failed: ${reason}: ${detail}; the old instance keeps serving and the rollout stopped${done}`, {
    details: { reason, instance: label },
  });
}
