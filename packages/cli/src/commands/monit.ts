import { AppsList, MonitorSamples, SvctlError, type InstanceSeries, type SvctlClient } from '@svctl/protocol';
import { defineCommand } from '../command.js';
import { EXIT_OK, exitCodeFor } from '../exit-codes.js';
import { openLogSource, type LogSource } from '../monit/log-source.js';
import { Terminal, type Key } from '../monit/terminal.js';
import { renderScreen, renderTable, seriesKey, type MonitState } from '../monit/view.js';
import { useColor } from '../render/colors.js';

const REFRESH_MS = 1000;
const SPARK_SAMPLES = 20;

export const monitCommand = defineCommand({
  command: 'monit',
  describe: 'Live view of every instance (status, health, restarts, uptime, cpu and memory with sparklines) and the logs of the selected one',
  example: ['svctl monit', '↑/↓ select an app, q quits; without a terminal it prints the table once per sampling interval'],
  builder: (yargs) => yargs,
  run: async (_args, context) => {
    const client = await context.client();
    try {
      if (process.stdout.isTTY === true && process.stdin.isTTY === true) return await interactive(client);
      return await plain(client);
    } finally {
      client.close();
    }
  },
});

async function fetchState(client: SvctlClient, state: MonitState): Promise<void> {
  const [list, samples] = await Promise.all([
    client.call(AppsList, {}),
    client.call(MonitorSamples, { limit: SPARK_SAMPLES }).catch((error: unknown) => {
      if (error instanceof SvctlError && error.code === 'METHOD_NOT_FOUND') return null; // an older daemon: no sparklines
      throw error;
    }),
  ]);
  state.rows = list.instances;
  state.series = new Map((samples?.instances ?? []).map((series: InstanceSeries) => [seriesKey(series.app, series.instance), series]));
  state.intervalMs = samples?.interval_ms ?? null;
}

function emptyState(): MonitState {
  return { rows: [], series: new Map(), intervalMs: null, selected: 0, logTitle: 'logs', logLines: [], error: null };
}

/** Without a terminal: the table once per sampling interval, until interrupted. */
async function plain(client: SvctlClient): Promise<number> {
  const state = emptyState();
  state.selected = -1;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGPIPE'] as const) process.once(signal, () => stop());
  process.stdout.on('error', () => stop());
  while (true) {
    await fetchState(client, state);
    process.stdout.write(`${new Date().toISOString()}\n${renderTable(state, process.stdout.columns || 120, false).join('\n')}\n\n`);
    let timer: NodeJS.Timeout | undefined;
    const next = new Promise<'tick'>((resolve) => (timer = setTimeout(() => resolve('tick'), state.intervalMs ?? 2000)));
    const outcome = await Promise.race([next, stopped.then(() => 'stop' as const)]);
    clearTimeout(timer);
    if (outcome === 'stop') return EXIT_OK;
  }
}

async function interactive(client: SvctlClient): Promise<number> {
  const terminal = new Terminal(process.stdin, process.stdout);
  const color = useColor(process.stdout);
  const state = emptyState();
  let selectedKey: string | null = null;
  let logs: { key: string; source: LogSource } | null = null;
  let finish!: (code: number) => void;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  let fatal: unknown;

  // A function, so TypeScript does not narrow `logs` to its initial null here.
  const closeLogs = () => logs?.source.close();
  const draw = () => terminal.draw(renderScreen(state, terminal.columns, terminal.rows, color));
  const logLines = () => Math.max(10, terminal.rows);

  const followSelection = async (): Promise<void> => {
    const row = state.rows[state.selected];
    const key = row === undefined ? null : seriesKey(row.app, row.instance);
    selectedKey = key;
    if (row === undefined || key === null || logs?.key === key) return;
    logs?.source.close();
    logs = null;
    state.logTitle = `logs: ${row.app}[${row.instance}]`;
    state.logLines = [];
    try {
      const source = await openLogSource(client, row.app, row.instance, logLines());
      if (selectedKey !== key) {
        source.close(); // the selection moved on while this one opened
        return;
      }
      logs = { key, source };
    } catch (error) {
      state.logLines = [`(logs unavailable: ${(error as Error).message})`];
    }
  };

  let busy = false;
  const refresh = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      await fetchState(client, state);
      state.error = null;
      const index = selectedKey === null ? -1 : state.rows.findIndex((row) => seriesKey(row.app, row.instance) === selectedKey);
      state.selected = index >= 0 ? index : Math.min(state.selected, Math.max(0, state.rows.length - 1));
      await followSelection();
      await logs?.source.refresh();
      state.logLines = logs?.source.lines() ?? state.logLines;
    } catch (error) {
      if (error instanceof SvctlError && (error.code === 'CONNECTION_CLOSED' || error.code === 'DAEMON_UNREACHABLE')) {
        fatal = error;
        finish(exitCodeFor(error.code));
        return;
      }
      state.error = (error as Error).message;
    } finally {
      busy = false;
    }
    draw();
  };

  const onKeys = (keys: Key[]) => {
    for (const key of keys) {
      if (key === 'quit') {
        finish(EXIT_OK);
        return;
      }
      const last = Math.max(0, state.rows.length - 1);
      const page = Math.max(1, Math.floor(terminal.rows / 3));
      const moves: Record<Exclude<Key, 'quit'>, number> = {
        up: state.selected - 1,
        down: state.selected + 1,
        pageup: state.selected - page,
        pagedown: state.selected + page,
        home: 0,
        end: last,
      };
      state.selected = Math.min(last, Math.max(0, moves[key]));
    }
    const row = state.rows[state.selected];
    selectedKey = row === undefined ? null : seriesKey(row.app, row.instance);
    draw();
    void followSelection().then(() => {
      state.logLines = logs?.source.lines() ?? state.logLines;
      draw();
    });
  };

  const restore = () => terminal.leave();
  process.once('exit', restore);
  const signals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
  const onSignal = () => finish(EXIT_OK);
  for (const signal of signals) process.on(signal, onSignal);
  terminal.enter(onKeys, draw);
  const timer = setInterval(() => void refresh(), REFRESH_MS);
  try {
    await refresh();
    return await finished;
  } finally {
    clearInterval(timer);
    closeLogs();
    terminal.leave();
    process.off('exit', restore);
    for (const signal of signals) process.off(signal, onSignal);
    if (fatal !== undefined) process.stderr.write(`svctl: monit stopped: ${(fatal as Error).message}\n`);
  }
}
