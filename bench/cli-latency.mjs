// CLI round trip: median whole-process wall time of `list` with 10 idle apps against a running daemon (svctl
// `list`, pm2 `ls`, `supervisorctl status`), and of a ping, next to the `node -e 0` floor, all measured
// interleaved in the same run so machine load affects all alike.
// Usage: node bench/cli-latency.mjs [runs=40] [--only=svctl,pm2,supervisord]
import path from 'node:path';
import { isMain, makeAppsDir, parseArgs, waitAllOnline, writeAppFile } from './lib/apps.mjs';
import { runStandalone } from './lib/benchmark.mjs';
import { summarize, timeProcess } from './lib/measure.mjs';
import { createSupervisor } from './lib/supervisors.mjs';

const APPS = 10;

export const benchmark = {
  id: 'cli',
  title: 'CLI round trip: `list` with 10 apps',
  what:
    'Whole-process wall time of the command that lists the apps (svctl `list`, pm2 `ls`, `supervisorctl status`) ' +
    `with ${APPS} idle apps under a running daemon, and of a ping (\`supervisorctl pid\`), interleaved with the \`node -e 0\` floor ` +
    '(the cost of starting any Node CLI; supervisorctl is Python, whose floor is lower).',
  async run({ kinds, quick, runs = quick ? 4 : 10 }) {
    const supervisors = [];
    const apps = makeAppsDir();
    try {
      for (const kind of kinds) {
        const supervisor = createSupervisor(kind);
        supervisors.push({ kind, supervisor });
        await supervisor.startDaemon();
        await supervisor.start(writeAppFile(path.join(apps.dir), { count: APPS, prefix: `idle-${kind}`, fileName: `${kind}.json` }).file);
        await waitAllOnline(supervisor, APPS);
      }
      const cases = [
        { label: 'floor', command: [process.execPath, ['-e', '0']], env: process.env, samples: [] },
        ...supervisors.map(({ kind, supervisor }) => ({ label: kind, command: supervisor.listCommand, env: supervisor.env, samples: [] })),
      ];
      for (const { kind, supervisor } of supervisors) cases.push({ label: `ping-${kind}`, command: supervisor.pingCommand, env: supervisor.env, samples: [] });
      // Warm-up: the first runs fill the page cache.
      for (let i = 0; i < (quick ? 1 : 3); i++) for (const c of cases) timeProcess(...c.command, c.env);
      for (let i = 0; i < runs; i++) for (const c of cases) c.samples.push(timeProcess(...c.command, c.env));
      const figure = (label) => summarize(cases.find((c) => c.label === label)?.samples ?? []);
      const floor = figure('floor');
      return {
        rows: [
          { metric: `list, ${APPS} apps`, unit: 'ms', better: 'lower', floor, floorLabel: 'node -e 0', values: Object.fromEntries(kinds.map((kind) => [kind, figure(kind)])) },
          { metric: 'ping (`supervisorctl pid`)', unit: 'ms', better: 'lower', floor, floorLabel: 'node -e 0', values: Object.fromEntries(kinds.map((kind) => [kind, figure(`ping-${kind}`)])) },
        ],
      };
    } finally {
      for (const { supervisor } of supervisors.reverse()) await supervisor.cleanup().catch((error) => console.error(`cleanup: ${error.message}`));
      apps.dispose();
    }
  },
};

if (isMain(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2), { runs: 40 });
  await runStandalone(benchmark, options);
}
