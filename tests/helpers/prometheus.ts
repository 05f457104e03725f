// Prometheus in tests: reading the text exposition of GET /metrics, checking it with promtool, and a real
// Prometheus server (Debian package `prometheus`) scraping a daemon's gateway.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { freePort } from '../health/health-helpers.js';
import { isAlive, waitFor } from './wait.js';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a text exposition (comments skipped; label values without escaped quotes are enough here). */
export function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (match === null) throw new Error(`not an exposition line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/g)].map((pair) => [pair[1] ?? '', pair[2] ?? '']));
      return { name: match[1] ?? '', labels, value: Number(match[3]) };
    });
}

/** The samples named `name` whose labels include `labels`. */
export function samplesOf(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): Sample[] {
  return samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
}

/** `promtool check metrics` on the text (stdin): its exit code and everything it printed. */
export function promtoolCheck(text: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
    child.stdin.end(text);
  });
}

export interface PrometheusServer {
  url: string;
  child: ChildProcess;
  output(): string;
}

/**
 * A Prometheus server on a free loopback port with its own storage folder, scraping `target` (HOST:PORT)
 * every second over HTTPS with the bearer token in `tokenFile`, trusting `caFile`; stopped and removed on cleanup.
 */
export async function startPrometheus(t: TestContext, scrape: { target: string; tokenFile: string; caFile: string }): Promise<PrometheusServer> {
  const dir = fs.mkdtempSync('/tmp/svctl-prom-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const config = path.join(dir, 'prometheus.yml');
  // honor_labels: the exposition's `instance` label (the svctl instance number) is kept instead of being
  // renamed exported_instance in favour of the target's address (docs/api.md "Metrics").
  fs.writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      '  - job_name: svctl',
      '    scheme: https',
      '    honor_labels: true',
      '    authorization:',
      `      credentials_file: ${JSON.stringify(scrape.tokenFile)}`,
      '    tls_config:',
      `      ca_file: ${JSON.stringify(scrape.caFile)}`,
      '    static_configs:',
      `      - targets: [${JSON.stringify(scrape.target)}]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const child = spawn(
    'prometheus',
    [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  t.after(async () => {
    if (child.exitCode !== null || child.pid === undefined || !isAlive(child.pid)) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('Prometheus to be ready', async () => {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${output}`);
    return (await httpGet(`${url}/-/ready`)).status === 200;
  }, { timeoutMs: 60_000, intervalMs: 200 });
  return { url, child, output: () => output };
}

/** An instant query through Prometheus's HTTP API: the result vector. */
export async function queryPrometheus(server: PrometheusServer, query: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const answer = await httpGet(`${server.url}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = JSON.parse(answer.body) as { status: string; data?: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  if (body.status !== 'success' || body.data === undefined) throw new Error(`query ${query} failed: ${answer.body}`);
  return body.data.result;
}

function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: 5000 }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on('error', reject);
  });
}
