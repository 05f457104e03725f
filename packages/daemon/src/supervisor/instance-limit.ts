// The daemon-wide bound on instances, checked before a start or scale creates any.
import { APP_LIMITS, SvctlError, type AppSpec } from '@svctl/protocol';

interface RegisteredApp {
  readonly name: string;
  readonly units: readonly unknown[];
  isActive(): boolean;
}

/**
 * Instances once `incoming` is started: a registered app of the same name that is not active is replaced;
 * an active one too when `applyToRunning` (startOrReload and the like scale it to the file's instances).
 */
export function instancesAfterStart(registered: readonly RegisteredApp[], incoming: readonly AppSpec[], applyToRunning = false): number {
  const replacing = new Map(incoming.map((spec) => [spec.name, spec.instances]));
  let total = 0;
  for (const app of registered) {
    const replacement = app.isActive() && !applyToRunning ? undefined : replacing.get(app.name);
    total += replacement ?? app.units.length;
    replacing.delete(app.name);
  }
  for (const instances of replacing.values()) total += instances;
  return total;
}

/** Throws TOO_MANY_INSTANCES when the daemon would run more than its bound. */
export function checkInstanceLimit(total: number): void {
  if (total <= APP_LIMITS.instancesPerDaemon) return;
  throw new SvctlError('TOO_MANY_INSTANCES', `this would run ${total} instances, more than the ${APP_LIMITS.instancesPerDaemon} the daemon allows; nothing was started`, {
    hint: 'delete apps you no longer need, or lower "instances"',
    details: { requested: total, limit: APP_LIMITS.instancesPerDaemon },
  });
}
