// Alert rules from the daemon config: events from the bus are matched per rule, rate-limited per
// rule, and delivered (command and/or webhook) in the background with a timeout and retries.
// Nothing here can disturb supervision: the bus listener never throws, delivery is never awaited
// by anyone, and every failure ends as a line in the daemon log.
import { parseDuration, type AlertKind, type AlertRule, type TransitionEvent } from '@svctl/protocol';
import type { Logger } from 'pino';
import type { EventBus } from '../supervisor/event-bus.js';
import { postWebhook, runCommand, type Running } from './deliver.js';
import { RuleMatcher, type Match } from './match.js';
import { RateLimit } from './rate-limit.js';

export const ALERT_DEFAULTS = { timeoutMs: 10_000, retries: 2, rateMax: 5, ratePerMs: 10 * 60_000, retryBaseMs: 500 };

interface CompiledRule {
  name: string;
  rule: AlertRule;
  matcher: RuleMatcher;
  limit: RateLimit;
  timeoutMs: number;
  retries: number;
  /** True once "rate limit reached" was logged, until an alert goes out again. */
  announced: boolean;
}

/** What an alert sends: the event, plus which rule and kind fired. */
export interface AlertPayload extends TransitionEvent {
  kind: AlertKind;
  rule: string;
  crash?: Match['crash'];
  /** Alerts of this rule the rate limit dropped since its previous alert. */
  suppressed?: number;
}

export interface AlerterOptions {
  retryBaseMs?: number;
  now?: () => number;
  /** Told of each alert's end: delivered, or failed after its retries (the gateway's metrics). */
  onDelivery?: AlertDeliveryListener;
}

export type AlertDeliveryListener = (rule: string, kind: AlertKind, action: 'command' | 'webhook', delivered: boolean) => void;

export class Alerter {
  readonly #rules: CompiledRule[];
  readonly #running = new Set<Running>();
  readonly #unsubscribe: () => void;
  readonly #retryBaseMs: number;
  readonly #now: () => number;
  readonly #onDelivery: AlertDeliveryListener;
  #stopped = false;

  constructor(
    rules: readonly AlertRule[],
    bus: EventBus,
    private readonly logger: Logger,
    options: AlerterOptions = {},
  ) {
    this.#retryBaseMs = options.retryBaseMs ?? ALERT_DEFAULTS.retryBaseMs;
    this.#now = options.now ?? Date.now;
    this.#onDelivery = options.onDelivery ?? (() => undefined);
    this.#rules = rules.map((rule, index) => ({
      name: rule.name ?? `alerts[${index}]`,
      rule,
      matcher: new RuleMatcher(rule),
      limit: new RateLimit(rule.rate_limit?.max ?? ALERT_DEFAULTS.rateMax, durationOr(rule.rate_limit?.per, ALERT_DEFAULTS.ratePerMs)),
      timeoutMs: durationOr(rule.timeout, ALERT_DEFAULTS.timeoutMs),
      retries: rule.retries ?? ALERT_DEFAULTS.retries,
      announced: false,
    }));
    this.#unsubscribe = this.#rules.length === 0 ? () => undefined : bus.subscribe((event) => this.#onEvent(event));
  }

  /** At daemon shutdown: no more alerts; running commands are killed and requests aborted. */
  stop(): void {
    this.#stopped = true;
    this.#unsubscribe();
    for (const running of this.#running) running.cancel();
  }

  #onEvent(event: TransitionEvent): void {
    if (this.#stopped) return;
    try {
      const now = this.#now();
      for (const compiled of this.#rules) {
        for (const match of compiled.matcher.match(event, now)) this.#fire(compiled, event, match, now);
      }
    } catch (error) {
      this.logger.error({ err: error }, 'alert matching failed');
    }
  }

  #fire(compiled: CompiledRule, event: TransitionEvent, match: Match, now: number): void {
    if (!compiled.limit.tryTake(now)) {
      if (!compiled.announced) {
        compiled.announced = true;
        this.logger.warn(
          { event: 'alert_suppressed', rule: compiled.name, kind: match.kind, app: event.app, max: compiled.limit.max, per_ms: compiled.limit.perMs },
          `alert rule ${compiled.name}: rate limit reached (${compiled.limit.max} per ${compiled.limit.perMs} ms); further alerts suppressed`,
        );
      }
      return;
    }
    compiled.announced = false;
    const suppressed = compiled.limit.takeSuppressed();
    const payload: AlertPayload = {
      ...event,
      kind: match.kind,
      rule: compiled.name,
      ...(match.crash === undefined ? {} : { crash: match.crash }),
      ...(suppressed === 0 ? {} : { suppressed }),
    };
    const text = JSON.stringify(payload);
    const { command, webhook } = compiled.rule;
    if (command !== undefined) this.#deliver(compiled, payload, 'command', (track) => runCommand(command, text, compiled.timeoutMs, track));
    if (webhook !== undefined) {
      this.#deliver(compiled, payload, 'webhook', (track) => postWebhook(webhook, compiled.rule.headers ?? {}, text, compiled.timeoutMs, track));
    }
  }

  #deliver(compiled: CompiledRule, payload: AlertPayload, action: 'command' | 'webhook', attempt: (track: (running: Running | null) => void) => Promise<void>): void {
    const context = { event: 'alert', rule: compiled.name, kind: payload.kind, app: payload.app, instance: payload.instance, action };
    const run = async (): Promise<void> => {
      for (let tries = 0; ; tries++) {
        let current: Running | null = null;
        try {
          await attempt((running) => {
            if (current !== null) this.#running.delete(current);
            current = running;
            if (running !== null) this.#running.add(running);
          });
          this.logger.info({ ...context, attempts: tries + 1 }, `alert ${compiled.name} (${payload.kind}) delivered by ${action}`);
          this.#onDelivery(compiled.name, payload.kind, action, true);
          return;
        } catch (error) {
          if (current !== null) this.#running.delete(current);
          if (this.#stopped || tries >= compiled.retries) {
            this.logger.error({ ...context, attempts: tries + 1, err: error }, `alert ${compiled.name} (${payload.kind}) failed: ${(error as Error).message}`);
            this.#onDelivery(compiled.name, payload.kind, action, false);
            return;
          }
          await delay(this.#retryBaseMs * 2 ** tries);
        }
      }
    };
    run().catch((error: unknown) => this.logger.error({ ...context, err: error }, 'alert delivery crashed'));
  }
}

function durationOr(value: number | string | undefined, fallback: number): number {
  return value === undefined ? fallback : (parseDuration(value) ?? fallback);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
