import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerCommand } from '../../src/export/kubernetes/container-command.js';
import { exportKubernetes } from '../../src/export/kubernetes/export-kubernetes.js';
import { appManifests, memoryQuantity, type KubernetesObject } from '../../src/export/kubernetes/manifests.js';
import { objectName } from '../../src/export/kubernetes/names.js';
import { kubernetesProbe, startupProbe } from '../../src/export/kubernetes/probes.js';
import { dig } from '../../../../tests/helpers/dig.js';
import { appSpec, HOST } from './app-spec.js';

const PROBE = { initial_delay: 0, period: 10_000, timeout: 1000, failure_threshold: 3, success_threshold: 1 };

function find(objects: KubernetesObject[], kind: string): KubernetesObject {
  const object = objects.find((candidate) => candidate.kind === kind);
  assert.ok(object, `a ${kind} among ${objects.map((candidate) => String(candidate.kind)).join(', ')}`);
  return object;
}

describe('kubernetes manifests', () => {
  it('maps instances to replicas, kill_timeout to the grace period and max_memory_restart to the memory limit', () => {
    const { objects } = appManifests(appSpec({ instances: 3, kill_timeout: 4500, max_memory_restart: 256 * 2 ** 20 }), 'shop:1', HOST);
    const deployment = find(objects, 'Deployment');
    assert.equal(dig(deployment, 'spec.replicas'), 3);
    assert.equal(dig(deployment, 'spec.template.spec.terminationGracePeriodSeconds'), 5);
    assert.deepEqual(dig(deployment, 'spec.template.spec.containers.0.resources'), { limits: { memory: '256Mi' } });
    assert.deepEqual(dig(deployment, 'spec.selector.matchLabels'), { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'default' });
    assert.deepEqual(dig(deployment, 'spec.template.metadata.labels'), dig(deployment, 'spec.selector.matchLabels'));
  });

  it('puts secret-looking variables in a Secret and the others in a ConfigMap, both read with envFrom', () => {
    const { objects } = appManifests(appSpec({ env: { PORT: '3000', DB_PASSWORD: 'hunter2', PWD: '/srv' } }), 'shop:1', HOST);
    assert.deepEqual(dig(find(objects, 'ConfigMap'), 'data'), { PORT: '3000', PWD: '/srv' });
    assert.deepEqual(dig(find(objects, 'Secret'), 'stringData'), { DB_PASSWORD: 'hunter2' });
    assert.deepEqual(dig(find(objects, 'Deployment'), 'spec.template.spec.containers.0.envFrom'), [{ configMapRef: { name: 'api-env' } }, { secretRef: { name: 'api-secret' } }]);
  });

  it('makes a Service of the listen ports, and warns about a unix socket', () => {
    const { objects, warnings } = appManifests(appSpec({ listen: ['127.0.0.1:8080', '9090', '/run/api.sock'] }), 'shop:1', HOST);
    assert.deepEqual([dig(find(objects, 'Service'), 'spec.ports.0.port'), dig(find(objects, 'Service'), 'spec.ports.1.port')], [8080, 9090]);
    assert.deepEqual(dig(find(objects, 'Deployment'), 'spec.template.spec.containers.0.ports'), [{ containerPort: 8080, protocol: 'TCP' }, { containerPort: 9090, protocol: 'TCP' }]);
    assert.match(warnings.join('\n'), /app "api": listen "\/run\/api.sock": a unix socket/);
  });

  it('makes a Job of an app that is not restarted, suspended when it does not autostart', () => {
    const { objects } = appManifests(appSpec({ autorestart: false, autostart: false, instances: 2 }), 'shop:1', HOST);
    const job = find(objects, 'Job');
    assert.deepEqual([dig(job, 'spec.completions'), dig(job, 'spec.parallelism'), dig(job, 'spec.backoffLimit'), dig(job, 'spec.suspend'), dig(job, 'spec.template.spec.restartPolicy')], [2, 2, 0, true, 'Never']);
    assert.equal(objects.some((object) => object.kind === 'Deployment'), false);
  });

  it('gives a Deployment that does not autostart no replicas', () => {
    assert.equal(dig(find(appManifests(appSpec({ autostart: false }), 'shop:1', HOST).objects, 'Deployment'), 'spec.replicas'), 0);
  });

  it('maps the probes, in whole seconds', () => {
    const readiness = { ...PROBE, http_get: { url: 'http://127.0.0.1:3000/health?deep=1', headers: { 'X-Probe': '1' }, status_code: null }, initial_delay: 1500, period: 2500, timeout: 200 };
    assert.deepEqual(kubernetesProbe(readiness, 'readiness_probe'), {
      probe: {
        httpGet: { path: '/health?deep=1', port: 3000, scheme: 'HTTP', httpHeaders: [{ name: 'X-Probe', value: '1' }] },
        initialDelaySeconds: 2,
        periodSeconds: 3,
        timeoutSeconds: 1,
        failureThreshold: 3,
        successThreshold: 1,
      },
      warnings: [],
    });
    assert.deepEqual(kubernetesProbe({ ...PROBE, tcp_socket: { host: 'db.internal', port: 5432 } }, 'liveness_probe').probe.tcpSocket, { host: 'db.internal', port: 5432 });
    assert.deepEqual(kubernetesProbe({ ...PROBE, exec: { command: 'test -f /tmp/ok' } }, 'liveness_probe').probe.exec, { command: ['/bin/sh', '-c', 'test -f /tmp/ok'] });
    assert.deepEqual(kubernetesProbe({ ...PROBE, http_get: { url: 'https://example.com/', headers: {}, status_code: null } }, 'liveness_probe').probe.httpGet, { host: 'example.com', path: '/', port: 443, scheme: 'HTTPS' });
  });

  it('warns about what a Kubernetes probe cannot say', () => {
    const liveness = kubernetesProbe({ ...PROBE, success_threshold: 2, http_get: { url: 'http://localhost:80/', headers: {}, status_code: 418 } }, 'liveness_probe');
    assert.equal('successThreshold' in liveness.probe, false);
    assert.match(liveness.warnings.join('\n'), /success_threshold 2.*only 1/);
    assert.match(liveness.warnings.join('\n'), /status_code 418/);
  });

  it('makes a startupProbe of wait_ready and listen_timeout, with the readiness check or the first listen port', () => {
    const readiness = { ...PROBE, tcp_socket: { host: '127.0.0.1', port: 3000 } };
    assert.deepEqual(startupProbe(appSpec({ wait_ready: true, listen_timeout: 9500, readiness_probe: readiness }), undefined)?.probe, { tcpSocket: { port: 3000 }, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 10 });
    assert.deepEqual(startupProbe(appSpec({ wait_ready: true }), 8080)?.probe, { tcpSocket: { port: 8080 }, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 3 });
    assert.equal(startupProbe(appSpec({ readiness_probe: readiness }), 8080), undefined);
    assert.match(startupProbe(appSpec({ wait_ready: true }), undefined)?.warnings.join('') ?? '', /wait_ready: no readiness_probe or listen port/);
  });

  it('moves the command into the image: node from PATH, the app file\'s folder at /app, tsx by name', () => {
    assert.deepEqual(containerCommand(appSpec({ interpreter_args: ['--max-old-space-size=512'], command: ['/opt/node/bin/node', '--max-old-space-size=512', '/srv/shop/server.js', '--port', '80'] }), HOST), ['node', '--max-old-space-size=512', '/app/server.js', '--port', '80']);
    assert.deepEqual(containerCommand(appSpec({ command: ['/opt/node/bin/node', '--import', 'file:///usr/lib/node_modules/tsx/dist/loader.mjs', '/srv/shop/main.ts'] }), HOST), ['node', '--import', 'tsx', '/app/main.ts']);
    assert.deepEqual(containerCommand(appSpec({ shell: true, interpreter: null, command: ['/bin/sh', '-c', 'npm start'] }), HOST), ['/bin/sh', '-c', 'npm start']);
    assert.deepEqual(containerCommand(appSpec({ interpreter: 'python3', command: ['python3', '/srv/shop/app.py'] }), HOST), ['python3', '/app/app.py']);
    assert.equal(dig(find(appManifests(appSpec({ cwd: '/srv/shop/web' }), 'shop:1', HOST).objects, 'Deployment'), 'spec.template.spec.containers.0.workingDir'), '/app/web');
  });

  it('names objects as Kubernetes allows, and says so when the name changes', () => {
    assert.deepEqual(['api', 'My_App.v2', '9lives', 'x--'].map(objectName), ['api', 'my-app-v2', 'app-9lives', 'x']);
    assert.match(appManifests(appSpec({ name: 'My_App' }), 'shop:1', HOST).warnings.join(''), /named "my-app" in Kubernetes/);
  });

  it('writes memory as Mi or Gi when exact, else bytes', () => {
    assert.deepEqual([2 ** 30, 3 * 2 ** 20, 1000].map(memoryQuantity), ['1Gi', '3Mi', '1000']);
  });

  it('needs an image: --image or the app key', () => {
    assert.throws(() => exportKubernetes([appSpec(), appSpec({ name: 'web', image: 'web:1' })], { host: HOST }), /no container image for app "api": pass --image IMAGE or set the app key image/);
    assert.match(exportKubernetes([appSpec({ image: 'web:1' })], { host: HOST }).files[0]?.content ?? '', /image: "web:1"/);
    assert.match(exportKubernetes([appSpec({ image: 'web:1' })], { host: HOST, image: 'other:2' }).files[0]?.content ?? '', /image: "other:2"/);
  });

  it('lists the keys an app sets that have no counterpart in one warning', () => {
    const { warnings } = exportKubernetes([appSpec({ cron_restart: '0 3 * * *', watch: true, max_restarts: 3, stop_signal: 'SIGINT' })], { host: HOST, image: 'x' });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /^app "api": keys have no Kubernetes counterpart and are left out:\n {2}max_restarts: .*\n {2}stop_signal: .*STOPSIGNAL.*\n {2}watch: .*\n {2}cron_restart: /);
    assert.deepEqual(exportKubernetes([appSpec()], { host: HOST, image: 'x' }).warnings, []);
  });
});
