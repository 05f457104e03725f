// What keeps the gateway safe to expose: the refusal of a non-loopback address without TLS and a
// token, per-token rate limits, a bound on open connections, and certificates re-read on SIGHUP.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { connectWs, createToken, makeCertificate, rpc, startGatewayDaemon, writeCertificate } from '../helpers/gateway.js';
import { makeHome } from '../helpers/home.js';
import { DAEMON_BIN } from '../helpers/paths.js';
import { isAlive, waitFor } from '../helpers/wait.js';

describe('the gateway', () => {
  it('refuses to listen on 0.0.0.0 without TLS and a token, saying exactly that', (t) => {
    const home = makeHome(t);
    const run = (args: string[]) => spawnSync(process.execPath, [DAEMON_BIN, '--http', '0.0.0.0:9615', ...args], { env: { ...process.env, SVCTL_HOME: home }, encoding: 'utf8', timeout: 60_000 });
    const bare = run([]);
    assert.equal(bare.status, 2, bare.stderr);
    assert.match(bare.stderr, /refusing to listen on 0\.0\.0\.0:9615: a non-loopback address needs TLS and at least one token; missing TLS \(settings http_tls_cert and http_tls_key\) and at least one token/);
    const cert = makeCertificate(t);
    const withTls = run(['--http-tls-cert', cert.cert, '--http-tls-key', cert.key]);
    assert.equal(withTls.status, 2, withTls.stderr);
    assert.match(withTls.stderr, /missing at least one token \(svctl token create NAME --role read\)/);
  });

  it('refuses a certificate and key that are not a PEM pair (swapped), naming both files, with exit 2', (t) => {
    const home = makeHome(t);
    const cert = makeCertificate(t);
    const swapped = spawnSync(process.execPath, [DAEMON_BIN, '--http', '127.0.0.1:0', '--http-tls-cert', cert.key, '--http-tls-key', cert.cert], {
      env: { ...process.env, SVCTL_HOME: home },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(swapped.status, 2, swapped.stderr);
    assert.ok(swapped.stderr.includes(`http_tls_cert ${cert.key} and http_tls_key ${cert.cert} are not a valid PEM certificate and its private key`), swapped.stderr);
  });

  it('answers 429 with Retry-After to a client bursting 1000 requests, while a second client keeps succeeding', async (t) => {
    const gateway = await startGatewayDaemon(t, ['--http-rate', '5', '--http-burst', '20']);
    const noisy = await createToken(gateway.home, 'noisy', 'read');
    const quiet = await createToken(gateway.home, 'quiet', 'read');
    const agent = new https.Agent({ keepAlive: true, maxSockets: 8, ca: gateway.ca });
    t.after(() => agent.destroy());
    const burst = await Promise.all(Array.from({ length: 1000 }, () => rpc(gateway, 'daemon.ping', {}, noisy, agent)));
    const ok = burst.filter((answer) => answer.status === 200).length;
    const limited = burst.filter((answer) => answer.status === 429);
    assert.ok(ok >= 20 && ok < 200, `the burst (20) and some refill passed: ${ok}`);
    assert.equal(ok + limited.length, 1000);
    assert.ok(Number(limited[0]?.headers['retry-after']) >= 1);
    assert.equal((limited[0]?.json().error as { data: { name: string } }).data.name, 'RATE_LIMITED');
    for (let i = 0; i < 10; i++) assert.equal((await rpc(gateway, 'daemon.ping', {}, quiet, agent)).status, 200);
  });

  it('holds at most http_max_connections connections, WebSockets included, and serves again once one closes', async (t) => {
    const gateway = await startGatewayDaemon(t, ['--http-max-connections', '2']);
    const token = await createToken(gateway.home, 'ops', 'read');
    const first = await connectWs(t, gateway, token);
    await connectWs(t, gateway, token);
    await assert.rejects(rpc(gateway, 'daemon.ping', {}, token), 'a third connection is closed as it is accepted');
    const socket = await runCli(['ping'], { home: gateway.home });
    assert.equal(socket.code, 0, `the Unix socket is not bounded by the gateway's setting: ${socket.stderr}`);
    first.socket.close();
    await first.closed;
    await waitFor('a gateway connection slot', async () => (await rpc(gateway, 'daemon.ping', {}, token).catch(() => undefined))?.status === 200);
  });

  it('re-reads the certificate on SIGHUP without dropping the daemon', async (t) => {
    const gateway = await startGatewayDaemon(t);
    const subjectSeen = () =>
      new Promise<string>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port: gateway.port, rejectUnauthorized: false }, () => {
          resolve(String(socket.getPeerCertificate().subject.CN));
          socket.end();
        });
        socket.on('error', reject);
      });
    assert.equal(await subjectSeen(), 'svctl-test');
    const renewed = writeCertificate(gateway.tls.dir, 'svctl-renewed');
    process.kill(gateway.pid, 'SIGHUP');
    await waitFor('the renewed certificate', async () => (await subjectSeen()) === 'svctl-renewed');
    assert.ok(isAlive(gateway.pid));
    const token = await createToken(gateway.home, 'ops', 'read');
    assert.equal((await rpc({ url: gateway.url, ca: fs.readFileSync(renewed.cert) }, 'daemon.ping', {}, token)).status, 200);

    writeCertificate(gateway.tls.dir, 'svctl-third');
    const reload = await runCli(['daemon', 'reload-tls'], { home: gateway.home });
    assert.equal(reload.code, 0, reload.stderr);
    assert.match(reload.stdout, /gateway certificate reloaded/);
    assert.equal(await subjectSeen(), 'svctl-third');
    fs.writeFileSync(gateway.tls.cert, 'not a certificate');
    const broken = await runCli(['daemon', 'reload-tls'], { home: gateway.home });
    assert.equal(broken.code, 2, broken.stderr);
    assert.match(broken.stderr, /not reloaded/);
    assert.equal(await subjectSeen(), 'svctl-third', 'the previous certificate stays in use');
  });
});
