// One supervised instance: feeds user commands and OS events to the machine, and runs the effects it returns.
// The status changes only in #apply, through transition().
import type { Readable, Transform } from 'node:stream';
import { isResting, isSignallable, SvctlError, type CheckState, type Health, type ReasonCode, type Status, type TransitionEvent } from '@svctl/protocol';
import type { ChildExit, OsSeam, SpawnedChild, TimerHandle } from '../os/seam.js';
import { toSignal } from '../os/signals.js';
import { accepts, transition, type Effect, type MachineEvent, type StopCause } from './machine.js';
import {
  countersOnRequest,
  decideAfterEnd,
  describeExit,
  exitCause,
  FRESH_COUNTERS,
  type FailureCause,
  type RequestCause,
  type RestartCounters,
  type RestartRules,
} from './policy.js';

/** What a unit needs to know about its app; the supervisor maps the app spec to it. Times in ms. */
export interface UnitSpec extends RestartRules {
  name: string;
  /** argv; with `shell`, the words are joined and run by /bin/sh. */
  command: readonly string[];
  cwd: string;
  /** The complete environment, already merged. */
  env: Readonly<Record<string, string>>;
  shell: boolean;
  kill_timeout: number;
  stop_signal: string;
  /** Stop by sending the message 'shutdown' over IPC first (pm2's shutdown_with_message); stop_signal after kill_timeout. */
  shutdown_with_message?: boolean;
}

/** Where one stream of a run's output goes: it reads `source` (pausing it while busy) until the source ends or release(). */
export interface OutputSink {
  attach(source: Readable): void;
  /** Stops reading (the output moves to another sink); a held partial last line is completed and written. */
  release(): void;
}

export interface OutputStreams {
  stdout: OutputSink;
  stderr: OutputSink;
}

/** What `Unit.update` replaces besides the spec. */
export interface InPlaceChanges {
  /** New checks (null: none) for the current run and the next ones. */
  checks?: RunChecks | null;
  /** Pipe the running process's output into the streams openOutput gives now (the log paths changed). */
  reopenOutput?: boolean;
}

/** Where the current run's output goes: its sources and the sinks reading them. */
interface Piped {
  stdout: Readable;
  stderr: Readable;
  output: OutputStreams;
}

/** Callbacks a run's checks use; calls about a run that is over are ignored. */
export interface RunSignals {
  /** The process is ready (`how`: `ready message`, `log line`, `readiness probe`). */
  ready(how: string): void;
  /** The liveness probe failed for good; `detail` says how (for people). */
  unhealthy(detail: string): void;
}

/** The readiness and liveness checks of one instance (packages/daemon/src/health); the unit drives them run by run. */
export interface RunChecks {
  /** A spawned process stays `starting` until ready() (or the timeout: a failed start, reason readiness_timeout). */
  readonly awaitsReady: boolean;
  readonly readyTimeoutMs: number;
  /** Open an IPC channel to the child (for `process.send('ready')`). */
  readonly ipc: boolean;
  /** A run began; may return a pass-through transform to put between the child's stdout and its log. */
  begin(child: SpawnedChild, signals: RunSignals): Transform | null;
  /** The run became online (liveness checks start). */
  online(): void;
  /** Takes over a run that is online already (the app's checks changed in place): it counts as ready, every check starts now. */
  resume(signals: RunSignals): void;
  /** The run is over or being stopped: every check stops. */
  end(): void;
  summary(): { health: Health | null; checks: CheckState[] };
  /** The summary's health alone. */
  readonly health: Health | null;
}

export interface UnitDeps {
  os: OsSeam;
  /** Readiness/liveness checks; without them a spawned process is online at once. */
  checks?: RunChecks;
  onTransition: (event: TransitionEvent) => void;
  /** Called at each spawn; the sinks read the child's output. Without it, output is discarded. */
  openOutput?: (instance: number) => OutputStreams;
}

export interface UnitSnapshot {
  status: Status;
  pid: number | null;
  /** Restarts made, automatic or by a user (pm2's restart_time). */
  restarts: number;
  /** Consecutive runs shorter than min_uptime. */
  unstable_restarts: number;
  /** When the current (or last) run was spawned, ISO 8601: formatted once per run, since every list row shows it. */
  started_at: string | null;
  uptime_ms: number;
  exit_code: number | null;
  signal: string | null;
  /** The reason code and detail of the last transition; null before the first one. */
  reason: ReasonCode | null;
  detail: string;
  history: TransitionEvent[];
  /** Summary of the checks of the current run; null without checks or run. */
  health: Health | null;
  checks: CheckState[];
}

export type UnitState = Omit<UnitSnapshot, 'history' | 'checks'>;

export const HISTORY_LIMIT = 100;

interface Waiter {
  status: Status;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class Unit {
  readonly instance: number;
  readonly #deps: UnitDeps;
  #spec: UnitSpec;
  /** Replaced with the spec when a restart brings a new one (an app file changed its probes). */
  #checks: RunChecks | undefined;
  #stopSignal: NodeJS.Signals;
  #status: Status = 'stopped';
  /** The latest child spawned, kept after it exits: its pid is the id of the group that may outlive it. */
  #child: SpawnedChild | null = null;
  #childAlive = false;
  #startedAt: number | null = null;
  #startedAtIso: string | null = null;
  #restarts = 0;
  #counters: RestartCounters = FRESH_COUNTERS;
  #lastExit: ChildExit | null = null;
  #reason: ReasonCode | null = null;
  #detail = '';
  readonly #history: TransitionEvent[] = [];
  #restartTimer: TimerHandle | null = null;
  #spawning: Promise<void> = Promise.resolve();
  #exitHandled: Promise<void> = Promise.resolve();
  #stopping: Promise<void> | null = null;
  /** Set while a stop made because of a failure (readiness_timeout, memory, liveness) runs; a user stop clears it. */
  #failure: FailureCause | null = null;
  /** The cause of the requested stop in progress, for the `terminated` that ends it. */
  #stopCause: StopCause = 'user_stop';
  #readyTimer: TimerHandle | null = null;
  #piped: Piped | null = null;
  /** Resolved when the instance leaves `starting` (start() resolves only then). */
  #leftStarting: Array<() => void> = [];
  readonly #waiters = new Set<Waiter>();
  #disposed = false;

  constructor(spec: UnitSpec, instance: number, deps: UnitDeps) {
    this.instance = instance;
    this.#deps = deps;
    this.#spec = spec;
    this.#checks = deps.checks;
    this.#stopSignal = parseStopSignal(spec);
  }

  /** The complete environment its process was (or will next be) spawned with. */
  get env(): Readonly<Record<string, string>> {
    return this.#spec.env;
  }

  get status(): Status {
    return this.#status;
  }

  /** The pid of its live process (the leader of its group), or null. Read each monitor pass: no snapshot copied. */
  get pid(): number | null {
    return this.#childAlive ? (this.#child?.pid ?? null) : null;
  }

  // Commands come from the supervisor only (the one door); each carries its cause, and `detail` for people.

  /** Starts the instance; resolves once it is online, or the start failed (spawn failure, not ready in time, early exit). */
  start(cause: RequestCause, detail = ''): Promise<void> {
    return this.#start(cause, detail);
  }

  /** Resolves when the whole process group is gone. In `waiting`, cancels the pending restart at once. */
  stop(cause: StopCause, detail = ''): Promise<void> {
    return this.#stop(cause, detail);
  }

  /**
   * Stops (if needed) then starts again, optionally with a new spec (and, given, new checks; null: none); counts
   * as a restart. What it does to the counters is the policy's row for `cause`.
   */
  async restart(cause: RequestCause, detail: string, newSpec?: UnitSpec, newChecks?: RunChecks | null): Promise<void> {
    if (!isResting(this.#status)) await this.#stop(cause, detail);
    if (newSpec !== undefined) {
      this.#stopSignal = parseStopSignal(newSpec);
      this.#spec = newSpec;
    }
    if (newChecks !== undefined) this.#checks = newChecks ?? undefined;
    this.#restarts += 1;
    await this.#start(cause, detail);
  }

  /**
   * Takes a new spec in place, without a new process (the app file changed only live keys): what the unit reads
   * later (restart rules, kill_timeout, stop_signal) comes from `spec`; counters and history stay. Checks
   * cannot be replaced while the instance is starting (their readiness wait is in flight): the caller sees to it.
   */
  update(spec: UnitSpec, changes: InPlaceChanges): void {
    if (changes.checks !== undefined && this.#status === 'starting') {
      throw new SvctlError('ALREADY_RUNNING', `${this.#label()} is starting; its checks can change once it is online`);
    }
    this.#stopSignal = parseStopSignal(spec);
    this.#spec = spec;
    if (changes.checks !== undefined) this.#replaceChecks(changes.checks);
    if (changes.reopenOutput === true) this.#reopenOutput();
  }

  /** A live instance failed (memory): stop its group, then the restart policy decides, as after a crash. False when it is not live. */
  fail(cause: 'memory', detail: string): boolean {
    if (this.#stopping !== null || !accepts(this.#status, 'fail')) return false;
    this.#failure = cause;
    this.#apply({ type: 'fail', cause, detail });
    return true;
  }

  /** Sends a signal to the instance's whole process group. */
  signal(name: string): void {
    const signal = toSignal(name);
    if (signal === null) throw new SvctlError('INVALID_SIGNAL', `unknown signal "${name}"`);
    if (!isSignallable(this.#status) || !this.#childAlive || this.#child === null) {
      throw new SvctlError('NOT_RUNNING', `${this.#label()} is ${this.#status}`);
    }
    this.#deps.os.signalGroup(this.#child.pid, signal);
  }

  /** Zeroes the restart counters and the backoff (like `pm2 reset`). */
  resetCounters(): void {
    this.#restarts = 0;
    this.#counters = FRESH_COUNTERS;
  }

  snapshot(): UnitSnapshot {
    return { ...this.state(), history: [...this.#history], checks: this.#checks?.summary().checks ?? [] };
  }

  /** The snapshot without its history and checks: what a list row shows, read for every apps.list. */
  state(): UnitState {
    const child = this.#childAlive ? this.#child : null;
    return {
      status: this.#status,
      pid: this.pid,
      restarts: this.#restarts,
      unstable_restarts: this.#counters.unstable_restarts,
      started_at: this.#startedAtIso,
      uptime_ms: child !== null && this.#startedAt !== null ? this.#deps.os.now() - this.#startedAt : 0,
      exit_code: this.#lastExit?.code ?? null,
      signal: this.#lastExit?.signal ?? null,
      reason: this.#reason,
      detail: this.#detail,
      health: this.#checks?.health ?? null,
    };
  }

  /** Resolves when the instance is in `status` (at once if it already is); rejects with TIMEOUT after `timeoutMs`. */
  waitFor(status: Status, timeoutMs: number): Promise<void> {
    if (this.#status === status) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = this.#deps.os.setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new SvctlError('TIMEOUT', `${this.#label()} did not become ${status} within ${timeoutMs}ms (it is ${this.#status})`));
      }, timeoutMs);
      const settle = (done: () => void): void => {
        this.#deps.os.clearTimeout(timer);
        this.#waiters.delete(waiter);
        done();
      };
      const waiter: Waiter = { status, resolve: () => settle(resolve), reject: (error) => settle(() => reject(error)) };
      this.#waiters.add(waiter);
    });
  }

  /** Records why the instance, still stopped, is not started yet (`dependency`), or the stop that ended the wait. */
  hold(cause: 'dependency' | StopCause, detail: string): void {
    if (accepts(this.#status, 'hold')) this.#apply({ type: 'hold', cause, detail });
  }

  /** Stops reacting: cancels a pending restart, fails waiters, ignores later exits. Does not kill the process. */
  dispose(): void {
    this.#disposed = true;
    this.#cancelRestart();
    this.#endChecks();
    for (const resolve of this.#leftStarting.splice(0)) resolve();
    for (const waiter of this.#waiters) waiter.reject(new SvctlError('SHUTTING_DOWN', `${this.#label()} was disposed`));
  }

  async #start(cause: RequestCause, detail: string): Promise<void> {
    if (!accepts(this.#status, 'start')) throw new SvctlError('ALREADY_RUNNING', `${this.#label()} is ${this.#status}`);
    // The policy's row: a user start gives a crash-looping app a fresh chance, a watch/cron restart does not.
    this.#counters = countersOnRequest(cause, this.#counters);
    this.#apply({ type: 'start', cause, detail });
    await this.#spawning;
    if (this.#status === 'starting') await new Promise<void>((resolve) => this.#leftStarting.push(resolve));
  }

  #stop(cause: StopCause, detail: string): Promise<void> {
    this.#stopCause = cause;
    if (this.#stopping !== null) {
      // A requested stop during a failure stop: the instance ends stopped, not restarted.
      this.#failure = null;
      return this.#stopping;
    }
    if (this.#status !== 'stopped') this.#apply({ type: 'stop', cause, detail });
    return this.#stopping ?? Promise.resolve();
  }

  #apply(event: MachineEvent): void {
    if (this.#disposed) return;
    const from = this.#status;
    const step = transition(from, event);
    this.#status = step.status;
    this.#reason = step.reason;
    this.#detail = step.detail;
    const record: TransitionEvent = {
      at: new Date(this.#deps.os.now()).toISOString(),
      app: this.#spec.name,
      instance: this.instance,
      from,
      to: step.status,
      reason: step.reason,
      detail: step.detail,
    };
    this.#history.push(record);
    if (this.#history.length > HISTORY_LIMIT) this.#history.shift();
    if (step.status !== 'starting') {
      this.#clearReadyTimer();
      for (const resolve of this.#leftStarting.splice(0)) resolve();
    }
    // Checks live while the process is wanted: liveness from online on, all of them stop when it is not.
    if (step.status === 'online' && from !== 'online') this.#checks?.online();
    if (step.status !== 'starting' && step.status !== 'online') this.#endChecks();
    this.#deps.onTransition(record);
    for (const waiter of this.#waiters) if (waiter.status === step.status) waiter.resolve();
    for (const effect of step.effects) this.#run(effect);
  }

  #run(effect: Effect): void {
    switch (effect.type) {
      case 'spawn':
        this.#spawning = this.#spawn();
        return;
      case 'await_ready':
        this.#readyTimer = this.#deps.os.setTimeout(() => this.#onReadyTimeout(effect.timeoutMs), effect.timeoutMs);
        return;
      case 'kill_group':
        this.#stopping = this.#terminate();
        return;
      case 'kill_remnants':
        // Like systemd's KillMode=control-group: the next run must not meet leftovers of this one.
        if (this.#child !== null) this.#deps.os.signalGroup(this.#child.pid, 'SIGKILL');
        return;
      case 'schedule_restart': {
        const after = this.#reason ?? 'restart_due';
        this.#restartTimer = this.#deps.os.setTimeout(() => this.#restartNow(after), effect.delayMs);
        return;
      }
      case 'cancel_restart':
        this.#cancelRestart();
        return;
    }
  }

  async #spawn(): Promise<void> {
    this.#child = null;
    const { command, cwd, env, shell } = this.#spec;
    const checks = this.#checks;
    // The seam never rejects; should one still throw, the instance ends errored instead of the daemon.
    const outcome = await this.#deps.os
      .spawn({ command, cwd, env, shell, ipc: checks?.ipc === true || this.#spec.shutdown_with_message === true })
      .catch((error: unknown) => ({ ok: false as const, reason: `spawn threw: ${error instanceof Error ? error.message : String(error)}` }));
    if (!outcome.ok) {
      // While stopping (a stop came during the spawn), #terminate finds no child and finishes the stop.
      if (this.#status === 'starting') this.#apply({ type: 'spawn_failed', detail: outcome.reason });
      return;
    }
    const child = outcome.child;
    this.#child = child;
    this.#childAlive = true;
    this.#startedAt = this.#deps.os.now();
    this.#startedAtIso = new Date(this.#startedAt).toISOString();
    const scanner = checks !== undefined && this.#status === 'starting' ? checks.begin(child, this.#signalsFor(child)) : null;
    this.#pipeOutput(child, scanner);
    this.#exitHandled = child.exited.then((exit) => this.#onExit(child, exit));
    if (this.#status === 'starting') {
      this.#apply({ type: 'spawned', pid: child.pid, readyTimeoutMs: checks?.awaitsReady === true ? checks.readyTimeoutMs : null });
    }
  }

  #pipeOutput(child: SpawnedChild, scanner: Transform | null): void {
    const stdout = scanner === null ? child.stdout : child.stdout.pipe(scanner);
    const output = this.#deps.openOutput?.(this.instance);
    this.#piped = output === undefined ? null : { stdout, stderr: child.stderr, output };
    if (output === undefined) {
      // Unread pipes fill up and block the child on its next write.
      stdout.resume();
      child.stderr.resume();
      return;
    }
    output.stdout.attach(stdout);
    output.stderr.attach(child.stderr);
  }

  // Signals from the checks of one run; once another run has begun they mean nothing.
  #signalsFor(child: SpawnedChild): RunSignals {
    const current = () => this.#child === child && this.#childAlive && !this.#disposed;
    return {
      ready: (how) => {
        if (current() && this.#status === 'starting' && this.#readyTimer !== null) this.#apply({ type: 'ready', how });
      },
      unhealthy: (detail) => {
        if (!current() || this.#status !== 'online' || this.#stopping !== null) return;
        this.#failure = 'liveness';
        this.#apply({ type: 'fail', cause: 'liveness', detail });
      },
    };
  }

  #replaceChecks(checks: RunChecks | null): void {
    this.#endChecks();
    this.#checks = checks ?? undefined;
    const child = this.#child;
    if (this.#status === 'online' && this.#childAlive && child !== null) this.#checks?.resume(this.#signalsFor(child));
  }

  // The old sinks are released (a partial last line is written out); the app closes their files once unused.
  #reopenOutput(): void {
    const piped = this.#piped;
    if (piped === null || !this.#childAlive) return;
    const output = this.#deps.openOutput?.(this.instance);
    if (output === undefined) return;
    piped.output.stdout.release();
    piped.output.stderr.release();
    output.stdout.attach(piped.stdout);
    output.stderr.attach(piped.stderr);
    this.#piped = { ...piped, output };
  }

  #onReadyTimeout(timeoutMs: number): void {
    this.#readyTimer = null;
    if (this.#status !== 'starting' || this.#disposed) return;
    this.#failure = 'readiness_timeout';
    this.#apply({ type: 'ready_timeout', timeoutMs });
  }

  #clearReadyTimer(): void {
    if (this.#readyTimer === null) return;
    this.#deps.os.clearTimeout(this.#readyTimer);
    this.#readyTimer = null;
  }

  #endChecks(): void {
    this.#checks?.end();
  }

  #onExit(child: SpawnedChild, exit: ChildExit): void {
    // The exit of an earlier run (e.g. killed after a failure while a new one starts) is not this run's.
    if (child !== this.#child) return;
    this.#childAlive = false;
    this.#lastExit = exit;
    // A requested stop is finished by #terminate, once the whole group is gone.
    if (this.#status === 'stopping' || this.#disposed) return;
    const cause = exitCause(exit);
    const decision = decideAfterEnd(
      { rules: this.#spec, counters: this.#counters, cause, exit, started_at: this.#startedAt ?? this.#deps.os.now() },
      this.#deps.os.now(),
    );
    this.#counters = decision.counters;
    this.#apply({ type: 'exited', cause, exit: describeExit(exit), decision });
  }

  async #terminate(): Promise<void> {
    await this.#spawning;
    const child = this.#child;
    let outcome = 'no process was running';
    if (child !== null) {
      const killTimeout = this.#spec.kill_timeout;
      if (this.#spec.shutdown_with_message === true && this.#childAlive && child.send?.('shutdown') === true) await this.#exitWithin(killTimeout);
      const [termination] = await Promise.all([
        this.#deps.os.terminateGroup(child.pid, this.#stopSignal, killTimeout),
        this.#exitHandled,
      ]);
      outcome = this.#lastExit === null ? 'stopped' : describeExit(this.#lastExit);
      if (termination.forced) outcome += `, group killed with SIGKILL after kill_timeout ${killTimeout}ms`;
      if (termination.survivors) outcome += ', but some of its processes survived SIGKILL';
    }
    this.#stopping = null;
    const failure = this.#failure;
    this.#failure = null;
    if (failure === null) {
      this.#apply({ type: 'terminated', cause: this.#stopCause, exit: outcome });
      return;
    }
    const now = this.#deps.os.now();
    const decision = decideAfterEnd(
      { rules: this.#spec, counters: this.#counters, cause: failure, exit: this.#lastExit ?? { code: null, signal: null }, started_at: this.#startedAt ?? now },
      now,
    );
    this.#counters = decision.counters;
    this.#apply({ type: 'failure_terminated', cause: failure, exit: outcome, decision });
  }

  /** Resolves when the current child exits or after `timeoutMs`, whichever comes first. */
  async #exitWithin(timeoutMs: number): Promise<void> {
    let timer: TimerHandle = null;
    await Promise.race([this.#exitHandled, new Promise<void>((resolve) => (timer = this.#deps.os.setTimeout(resolve, timeoutMs)))]);
    this.#deps.os.clearTimeout(timer);
  }

  #restartNow(after: ReasonCode): void {
    this.#restartTimer = null;
    this.#restarts += 1;
    this.#apply({ type: 'restart_due', after });
  }

  #cancelRestart(): void {
    if (this.#restartTimer === null) return;
    this.#deps.os.clearTimeout(this.#restartTimer);
    this.#restartTimer = null;
  }

  #label(): string {
    return `${this.#spec.name}#${this.instance}`;
  }
}

function parseStopSignal(spec: UnitSpec): NodeJS.Signals {
  const signal = toSignal(spec.stop_signal);
  if (signal === null) throw new SvctlError('INVALID_SIGNAL', `${spec.name}: unknown stop_signal "${spec.stop_signal}"`);
  return signal;
}
