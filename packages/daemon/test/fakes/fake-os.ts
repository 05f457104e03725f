// A fake OS seam with a fake clock: units and the supervisor run without forking and without waiting.
// Children are objects whose exit the test decides; timers fire only when the test advances the clock.
import { PassThrough } from 'node:stream';
import type { ChildExit, GroupTermination, ListenAddress, ListenOutcome, OsSeam, SpawnOutcome, SpawnRequest, SpawnedChild } from '../../src/os/seam.js';

export interface FakeChild extends SpawnedChild {
  stdout: PassThrough;
  stderr: PassThrough;
  request: SpawnRequest;
  alive: boolean;
  /** Every signal sent to its group, in order. */
  signals: string[];
}

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

export class FakeOs implements OsSeam {
  readonly children: FakeChild[] = [];
  /** Spawns fail with this reason while it is set. */
  spawnFailure: string | null = null;
  #now: number;
  #nextPid = 1000;
  #seq = 0;
  readonly #timers = new Set<Timer>();
  readonly #exits = new Map<FakeChild, (exit: ChildExit) => void>();

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.#now = startMs;
  }

  async spawn(request: SpawnRequest): Promise<SpawnOutcome> {
    if (this.spawnFailure !== null) return { ok: false, reason: this.spawnFailure };
    let resolveExit: (exit: ChildExit) => void = () => undefined;
    const exited = new Promise<ChildExit>((resolve) => (resolveExit = resolve));
    const child: FakeChild = { pid: this.#nextPid++, stdout: new PassThrough(), stderr: new PassThrough(), exited, request, alive: true, signals: [] };
    this.#exits.set(child, resolveExit);
    this.children.push(child);
    return { ok: true, child };
  }

  /** The child ends on its own (or by the signal given). */
  exit(child: FakeChild, exit: ChildExit): void {
    if (!child.alive) return;
    child.alive = false;
    child.stdout.end();
    child.stderr.end();
    this.#exits.get(child)?.(exit);
  }

  signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
    const child = this.children.find((candidate) => candidate.pid === pgid);
    if (child === undefined || !child.alive) return false;
    child.signals.push(signal);
    if (signal === 'SIGKILL') this.exit(child, { code: null, signal });
    return true;
  }

  // Every fake child obeys the stop signal at once.
  async terminateGroup(pgid: number, signal: NodeJS.Signals): Promise<GroupTermination> {
    this.signalGroup(pgid, signal);
    const child = this.children.find((candidate) => candidate.pid === pgid);
    if (child !== undefined) this.exit(child, { code: null, signal });
    return { forced: false, survivors: false };
  }

  /** Fake descriptors from 100 on; closing them does nothing. */
  async openListeners(addresses: readonly ListenAddress[]): Promise<ListenOutcome> {
    return { ok: true, listeners: addresses.map((_, index) => ({ fd: 100 + index, close: () => undefined })) };
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    const timer: Timer = { at: this.#now + delayMs, seq: this.#seq++, callback };
    this.#timers.add(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as Timer);
  }

  /** The delays of the timers pending now, soonest first. */
  pendingDelays(): number[] {
    return [...this.#timers].sort((a, b) => a.at - b.at || a.seq - b.seq).map((timer) => timer.at - this.#now);
  }

  /** Moves the clock forward, firing each timer due on the way (and settling what it started). */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      const next = [...this.#timers].filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (next === undefined) break;
      this.#timers.delete(next);
      this.#now = next.at;
      next.callback();
      await settle();
    }
    this.#now = end;
    await settle();
  }

  /** The live child of the latest spawn. */
  latest(): FakeChild {
    const child = this.children.at(-1);
    if (child === undefined) throw new Error('nothing was spawned');
    return child;
  }
}

/** Lets every pending promise callback run (no time passes on the fake clock). */
export async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++) await new Promise<void>((resolve) => setImmediate(resolve));
}
