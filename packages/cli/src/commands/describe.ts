import { AppsDescribe, type AppDescription } from '@svctl/protocol';
import { renderCheck, renderHealthSpec } from '../render/health.js';
import { defineCommand } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import { colorStatus, useColor } from '../render/colors.js';
import { formatDuration } from '../render/duration.js';
import { formatLogState } from '../render/log-state.js';
import { sparkline } from '../monit/sparkline.js';
import { formatBytes } from '../render/size.js';
import { describeReason } from '../render/reason.js';

export const describeCommand = defineCommand<{ target: string; 'show-env'?: boolean }>({
  // show, desc and info are pm2's names for describe.
  command: ['describe <target>', 'show <target>', 'desc <target>', 'info <target>'],
  describe: 'Show the resolved spec, state, log files and recent transitions of apps',
  example: ['svctl describe api --json', 'everything known about api, as JSON'],
  builder: (yargs) =>
    yargs
      .positional('target', { type: 'string', demandOption: true, describe: 'name, id, namespace, app file, or all' })
      .option('show-env', { type: 'boolean', describe: 'show values of variables whose names look secret' }),
  run: async (args, context) => {
    const client = await context.client();
    const { apps } = await client.call(AppsDescribe, { target: args.target, cwd: process.cwd(), show_env: args['show-env'] === true });
    if (context.json) context.printJson(apps);
    else context.print(apps.map((app) => renderDescription(app, useColor(process.stdout))).join('\n\n'));
    return EXIT_OK;
  },
});

function renderDescription(app: AppDescription, color: boolean): string {
  const { spec } = app;
  const lines = [
    `${app.app} [id ${app.id}, namespace ${app.namespace}]`,
    `  command      ${app.command_line}`,
    `  cwd          ${spec.cwd}`,
    `  mode         ${spec.exec_mode ?? 'fork'}, ${spec.instances} instance(s)${spec.exec_mode_reason === undefined ? '' : ` (${spec.exec_mode_reason})`}`,
    `  source       ${spec.source_file ?? '(command line)'}${spec.env_name === null ? '' : ` --env ${spec.env_name}`}`,
    `  restart      autorestart ${spec.autorestart}, max_restarts ${spec.max_restarts}, min_uptime ${spec.min_uptime}ms, ` +
      `restart_delay ${spec.restart_delay ?? '-'}, exp_backoff ${spec.exp_backoff_restart_delay ?? '-'}, kill_timeout ${spec.kill_timeout}ms, stop_signal ${spec.stop_signal}`,
    ...(app.instances.length > 1 ? ['  logs         per instance, below'] : renderFiles('  logs        ', app.log_files)),
    `  env          ${Object.entries(spec.env).map(([key, value]) => `${key}=${value}`).join(' ') || '(none of its own)'}`,
    ...renderHealthSpec(spec),
  ];
  for (const instance of app.instances) {
    lines.push(
      `  instance ${instance.instance}  ${colorStatus(instance.status, instance.status, color)}  pid ${instance.pid ?? '-'}  restarts ${instance.restarts}` +
        `  uptime ${instance.pid === null ? '-' : formatDuration(instance.uptime_ms)}  last exit ${instance.exit_code ?? '-'}${instance.signal === null ? '' : ` (${instance.signal})`}`,
    );
    lines.push(`    reason     ${describeReason(instance.reason, instance.detail)}`);
    if (app.instances.length > 1) lines.push(...renderFiles('    files     ', instance.log_files));
    if (instance.log_state !== undefined) lines.push(`    logs ${formatLogState(instance.log_state)}`);
    for (const check of instance.checks ?? []) lines.push(`    ${renderCheck(check)}`);
    const last = instance.samples.at(-1);
    if (last !== undefined) {
      lines.push(
        `    cpu ${last.cpu === null ? '-' : `${last.cpu}%`} ${sparkline(instance.samples.map((sample) => sample.cpu), 30, 100)}` +
          `  mem ${formatBytes(last.memory)} ${sparkline(instance.samples.map((sample) => sample.memory), 30)}  (${instance.samples.length} samples, ${last.processes} process(es))`,
      );
    }
    for (const event of instance.history.slice(-5)) lines.push(`    ${event.at}  ${event.from} → ${event.to}  ${describeReason(event.reason, event.detail)}`);
  }
  return lines.join('\n');
}

function renderFiles(label: string, files: AppDescription['log_files']): string[] {
  const indent = ' '.repeat(label.length);
  return [
    `${label} out ${files.out}${sizeOf(files.out_size)}`,
    `${indent} err ${files.err}${sizeOf(files.err_size)}`,
    ...(files.combined === undefined ? [] : [`${indent} combined ${files.combined}`]),
  ];
}

function sizeOf(bytes: number | null | undefined): string {
  return bytes === undefined ? '' : bytes === null ? ' (not written yet)' : ` (${formatBytes(bytes)})`;
}
