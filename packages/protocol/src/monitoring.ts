// Monitoring shapes shared by daemon and CLI: resource samples, and the alert rules of the daemon config.
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './schema-helpers.js';
import { APP_LIMITS } from './app-limits.js';
import { DURATION_STRING_PATTERN, parseDuration } from './units.js';

/** Number of samples the daemon keeps per instance (`describe` returns them, `monit` draws them). */
export const SAMPLE_HISTORY_LIMIT = 60;

export const SampleSchema = Type.Object(
  {
    at: Type.String({ description: 'ISO 8601 time of the sample.' }),
    cpu: Type.Union([Type.Number({ minimum: 0 }), Type.Null()], {
      description: 'CPU % of one core used by the whole process group since the previous sample; null for the first sample of a process.',
    }),
    memory: Type.Integer({ minimum: 0, description: 'RSS bytes of the whole process group (leader, children, grandchildren).' }),
    processes: Type.Integer({ minimum: 0, description: 'Live (non-zombie) processes in the group.' }),
  },
  { additionalProperties: false },
);

export type Sample = Static<typeof SampleSchema>;

/** What an alert rule can match. */
export const ALERT_KINDS = ['errored', 'memory', 'liveness', 'crash', 'log_write_failed'] as const;

export type AlertKind = (typeof ALERT_KINDS)[number];

const DurationValue = (description: string) =>
  Type.Union([Type.Integer({ minimum: 0, title: 'a number of milliseconds' }), Type.String({ pattern: DURATION_STRING_PATTERN, title: 'a duration string such as "10m"' })], {
    description,
  });

export const AlertRuleSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, description: 'Shown in the daemon log; defaults to the rule index.' })),
    on: Type.Array(StringEnum(ALERT_KINDS), { minItems: 1, uniqueItems: true, description: 'Event kinds that fire the rule.' }),
    apps: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'App names the rule applies to (default: every app).' })),
    crash: Type.Optional(
      Type.Object(
        {
          restarts: Type.Integer({ minimum: 1, description: 'Fire when an app restarts after a crash more than this many times...' }),
          within: DurationValue('...within this window (default "1m").'),
        },
        { additionalProperties: false },
      ),
    ),
    command: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'argv run without a shell; the event JSON is on stdin and in SVCTL_EVENT.' }),
    ),
    webhook: Type.Optional(Type.String({ pattern: '^https?://', description: 'URL the event JSON is POSTed to.' })),
    headers: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Extra HTTP headers for the webhook.' })),
    timeout: Type.Optional(DurationValue('Per attempt (default "10s").')),
    retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 10, description: 'Extra attempts after a failure (default 2).' })),
    rate_limit: Type.Optional(
      Type.Object(
        {
          max: Type.Integer({ minimum: 1, description: 'At most this many alerts...' }),
          per: DurationValue('...per this window (default 5 per "10m").'),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, anyOf: [{ properties: { command: true }, required: ['command'] }, { properties: { webhook: true }, required: ['webhook'] }] },
);

export type AlertRule = Static<typeof AlertRuleSchema>;

/** A rule's timeout is a timer: past 2^31-1 ms it would fire at once (the schema's pattern cannot bound it). */
export function alertRuleIssues(rules: readonly AlertRule[]): string[] {
  return rules.flatMap((rule, index) =>
    rule.timeout !== undefined && (parseDuration(rule.timeout) ?? 0) > APP_LIMITS.durationMs
      ? [`rule ${rule.name ?? index} timeout must be at most 24d (2^31-1 ms, the longest a timer waits), found ${JSON.stringify(rule.timeout)}`]
      : [],
  );
}

export const AlertRulesSchema = Type.Array(AlertRuleSchema, { description: 'Alert rules (see docs/monitoring.md).' });
