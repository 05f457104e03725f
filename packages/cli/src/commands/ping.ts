import { DaemonPing } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import { formatDuration } from '../render/duration.js';

export const pingCommand = defineCommand({
  command: 'ping',
  describe: 'Check that the daemon answers: version, pid, uptime, home',
  example: ['svctl ping --json', 'daemon identity as JSON'],
  builder: (yargs) => yargs,
  run: async (_args, context) => {
    const client = await context.client();
    const info = await client.call(DaemonPing, {});
    if (context.json) context.printJson(info);
    else context.print(`pong: svctld ${info.daemon_version} (protocol ${info.protocol_version}), pid ${info.pid}, up ${formatDuration(info.uptime_ms)}, home ${info.home}`);
    return EXIT_OK;
  },
});
