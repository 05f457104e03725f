// The listening sockets the daemon holds for an app with `listen`. They are opened before the first instance
// starts and kept until the app is released, so the port stays open across crashes, restarts and reloads:
// connections wait in the kernel backlog while no instance accepts. The app's units get an OsSeam whose
// spawn passes them from fd 3 on (systemd's convention; os/spawn.ts sets LISTEN_FDS, LISTEN_PID and
// LISTEN_FDNAMES). If they cannot be opened (address in use), the spawn fails with that reason.
import type { HeldListener, ListenAddress, OsSeam, SpawnOutcome, SpawnRequest } from '../os/seam.js';

export class HeldSockets {
  readonly #os: OsSeam;
  readonly #addresses: readonly ListenAddress[];
  #opening: Promise<{ listeners: HeldListener[] } | { reason: string }> | null = null;
  #closed = false;

  constructor(os: OsSeam, addresses: readonly ListenAddress[]) {
    this.#os = os;
    this.#addresses = addresses;
  }

  /** The seam the app's units use: the same as `base`, with the sockets passed to every spawn. */
  seam(base: OsSeam): OsSeam {
    return {
      spawn: (request) => this.#spawn(base, request),
      signalGroup: (pgid, signal) => base.signalGroup(pgid, signal),
      terminateGroup: (pgid, signal, killTimeoutMs) => base.terminateGroup(pgid, signal, killTimeoutMs),
      openListeners: (addresses) => base.openListeners(addresses),
      now: () => base.now(),
      setTimeout: (callback, delayMs) => base.setTimeout(callback, delayMs),
      clearTimeout: (handle) => base.clearTimeout(handle),
    };
  }

  /** Closes the sockets (the app is deleted or replaced); its instances are stopped already. */
  async close(): Promise<void> {
    this.#closed = true;
    const opened = await this.#opening;
    if (opened !== null && opened !== undefined && 'listeners' in opened) for (const listener of opened.listeners) listener.close();
  }

  async #spawn(base: OsSeam, request: SpawnRequest): Promise<SpawnOutcome> {
    if (this.#closed) return { ok: false, reason: 'the app was released' };
    const opened = await this.#open();
    if ('reason' in opened) return { ok: false, reason: opened.reason };
    return base.spawn({ ...request, listen: { fds: opened.listeners.map((listener) => listener.fd), names: this.#addresses.map((_, index) => `listen${index}`) } });
  }

  #open(): Promise<{ listeners: HeldListener[] } | { reason: string }> {
    if (this.#opening !== null) return this.#opening;
    const opening = this.#os.openListeners(this.#addresses).then((outcome) => (outcome.ok ? { listeners: outcome.listeners } : { reason: outcome.reason }));
    this.#opening = opening;
    // A failure is not kept: the next start tries again (the address may be free by then).
    void opening.then((result) => {
      if ('reason' in result && this.#opening === opening) this.#opening = null;
    });
    return opening;
  }
}
