// A real OpenSSH server on a free loopback port for one test: its own host key, an authorized key made for
// the test, and a known_hosts file the client trusts it through (host keys stay checked). Root logs in as
// root on this same machine. Stopped on cleanup.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { freePort } from '../health/health-helpers.js';
import { waitFor } from './wait.js';

export interface TestSshd {
  port: number;
  /** The private key the server accepts. */
  clientKey: string;
  /** ssh_options for a deploy target: the test's known_hosts, key only, never a prompt. */
  sshOptions: string[];
}

export async function startSshd(t: TestContext): Promise<TestSshd> {
  const dir = fs.mkdtempSync('/tmp/svctl-ssh-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const hostKey = path.join(dir, 'host_key');
  const clientKey = path.join(dir, 'client_key');
  for (const key of [hostKey, clientKey]) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'svctl-test', '-f', key]);
  fs.copyFileSync(`${clientKey}.pub`, path.join(dir, 'authorized_keys'));
  const port = await freePort();
  const knownHosts = path.join(dir, 'known_hosts');
  fs.writeFileSync(knownHosts, `[127.0.0.1]:${port} ${fs.readFileSync(`${hostKey}.pub`, 'utf8')}`);
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      // The temp folder is not a home folder: skip sshd's ownership checks of it.
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      '',
    ].join('\n'),
  );
  // sshd's privilege-separation folder; Debian creates it at boot, a container may not have it.
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config, '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  });
  await waitFor(`sshd on 127.0.0.1:${port} to greet (log: ${log})`, () => {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${log}`);
    return sshBanner(port);
  });
  return { port, clientKey, sshOptions: [`UserKnownHostsFile=${knownHosts}`, 'GlobalKnownHostsFile=/dev/null', 'IdentitiesOnly=yes', 'BatchMode=yes'] };
}

/** True once the server answers a connection with its SSH banner. */
function sshBanner(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(2000, () => socket.destroy());
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString().startsWith('SSH-'));
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}
