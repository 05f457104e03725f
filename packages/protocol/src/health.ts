// Health as clients see it: the one-word summary in `list` and the per-check details in `describe`.
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './schema-helpers.js';

/**
 * `ready`/`not_ready`: readiness (probe, log line or "ready" message) passed / not (yet, or any more).
 * `healthy`/`unhealthy`: the liveness probe's last result. `unknown`: checks exist, none has answered yet.
 */
export const HEALTH_VALUES = ['ready', 'not_ready', 'healthy', 'unhealthy', 'unknown'] as const;

export type Health = (typeof HEALTH_VALUES)[number];

export const HealthSchema = Type.Union([StringEnum(HEALTH_VALUES), Type.Null()], {
  description: 'Health summary: ready, not_ready, healthy, unhealthy or unknown; null when the app has no readiness check or probe.',
});

export const CheckStateSchema = Type.Object({
  kind: StringEnum(['readiness', 'liveness']),
  check: Type.String({ description: 'What is checked: `http_get <url>`, `tcp_socket host:port`, `exec <command>`, `ready_log_line "<text>"` or `ready message (IPC)`.' }),
  state: StringEnum(['pending', 'passing', 'failing', 'idle'], { description: 'pending: no result yet; idle: not running (instance not started, or liveness waits for online).' }),
  consecutive_successes: Type.Integer(),
  consecutive_failures: Type.Integer(),
  total_failures: Type.Integer(),
  last_checked_at: Type.Union([Type.String(), Type.Null()]),
  last_success_at: Type.Union([Type.String(), Type.Null()]),
  first_success_at: Type.Union([Type.String(), Type.Null()], { description: 'First success of the current run.' }),
  last_result: Type.Union([Type.String(), Type.Null()], { description: 'The last outcome, e.g. `HTTP 200` or `ECONNREFUSED`.' }),
});

export type CheckState = Static<typeof CheckStateSchema>;
