// svctl export kubernetes, end to end through the built CLI: the manifests validate against the Kubernetes
// schemas (kubernetes-models) and say what docs/export.md says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { dig } from '../helpers/dig.js';
import { makeHome } from '../helpers/home.js';
import { exampleFiles, richAppFile } from './fixtures.js';

type Manifest = Record<string, unknown>;

const MODELS: Record<string, new (data: never) => { validate(): void }> = { Deployment, Job, Service, ConfigMap, Secret };

function validate(manifest: Manifest): void {
  const Model = MODELS[String(manifest.kind)];
  assert.ok(Model, `a model for kind ${String(manifest.kind)}`);
  new Model(manifest as never).validate();
}

function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text).map((document) => {
    assert.deepEqual(document.errors, []);
    return document.toJS() as Manifest;
  }).filter((manifest) => manifest !== null);
}

const byKind = (manifests: Manifest[], kind: string, name: string): Manifest => {
  const found = manifests.find((manifest) => manifest.kind === kind && dig(manifest, 'metadata.name') === name);
  assert.ok(found, `${kind} ${name} among ${manifests.map((manifest) => `${String(manifest.kind)} ${String(dig(manifest, 'metadata.name'))}`).join(', ')}`);
  return found;
};

describe('svctl export kubernetes', () => {
  it('exports every example and the pm2 ecosystem file to manifests that validate against the Kubernetes schemas', async (t) => {
    const home = makeHome(t);
    for (const file of exampleFiles()) {
      const result = await runCli(['export', 'kubernetes', file, '--image', 'registry.example.com/shop:1.0'], { home });
      assert.equal(result.code, 0, `${file}: ${result.stderr}`);
      const manifests = parseManifests(result.stdout);
      const deployments = manifests.filter((manifest) => manifest.kind === 'Deployment');
      assert.ok(deployments.length > 0, `${file} gives a Deployment`);
      for (const manifest of manifests) validate(manifest);
      if (path.basename(file) === 'instances.json') {
        assert.deepEqual([dig(deployments[0], 'spec.replicas'), dig(deployments[0], 'spec.template.spec.terminationGracePeriodSeconds')], [4, 3]);
      }
    }
    assert.equal(fs.existsSync(path.join(home, 'daemon.sock')), false, 'no daemon was started');
  });

  it('maps replicas, grace period, memory limit, probes, variables and ports as the table says', async (t) => {
    const home = makeHome(t);
    const file = richAppFile(t);
    const out = path.join(path.dirname(file), 'k8s');
    const result = await runCli(['export', 'kubernetes', file, '--env', 'production', '--image', 'shop:2', '--out', out], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(fs.readdirSync(out).sort(), ['migrate.yaml', 'shop-api.yaml']);
    assert.equal(fs.statSync(path.join(out, 'shop-api.yaml')).mode & 0o777, 0o600, 'the file with a Secret is 0600');
    const manifests = [...parseManifests(fs.readFileSync(path.join(out, 'shop-api.yaml'), 'utf8')), ...parseManifests(fs.readFileSync(path.join(out, 'migrate.yaml'), 'utf8'))];
    for (const manifest of manifests) validate(manifest);

    const deployment = byKind(manifests, 'Deployment', 'shop-api');
    const container = dig(deployment, 'spec.template.spec.containers.0');
    assert.equal(dig(deployment, 'spec.replicas'), 3);
    assert.equal(dig(deployment, 'spec.template.spec.terminationGracePeriodSeconds'), 12);
    assert.deepEqual(dig(container, 'resources.limits'), { memory: '300Mi' });
    assert.deepEqual(dig(container, 'command'), ['node', '/app/server.js']);
    assert.equal(dig(container, 'image'), 'shop:2');
    assert.deepEqual(dig(container, 'readinessProbe'), { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 4, successThreshold: 1 });
    assert.deepEqual(dig(container, 'livenessProbe'), { tcpSocket: { port: 8080 }, initialDelaySeconds: 10, periodSeconds: 20, timeoutSeconds: 1, failureThreshold: 3 });
    assert.deepEqual(dig(container, 'startupProbe'), { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, periodSeconds: 1, timeoutSeconds: 2, failureThreshold: 8 });
    assert.deepEqual(dig(container, 'ports'), [{ containerPort: 8080, protocol: 'TCP' }]);
    assert.deepEqual(dig(deployment, 'metadata.labels'), { 'app.kubernetes.io/name': 'shop-api', 'app.kubernetes.io/part-of': 'default' });
    assert.deepEqual(dig(byKind(manifests, 'ConfigMap', 'shop-api-env'), 'data'), { PORT: '8080', COLOR: 'blue' });
    assert.deepEqual(dig(byKind(manifests, 'Secret', 'shop-api-secret'), 'stringData'), { DB_PASSWORD: 'hunter2' });
    assert.deepEqual(dig(byKind(manifests, 'Service', 'shop-api'), 'spec.ports'), [{ name: 'tcp-8080', port: 8080, targetPort: 8080, protocol: 'TCP' }]);

    const job = byKind(manifests, 'Job', 'migrate');
    assert.equal(dig(job, 'spec.template.spec.restartPolicy'), 'Never');
    assert.deepEqual(dig(job, 'metadata.labels'), { 'app.kubernetes.io/name': 'migrate', 'app.kubernetes.io/part-of': 'jobs' });

    assert.match(result.stderr, /warning: app "shop-api": keys have no Kubernetes counterpart and are left out:\n {2}watch: .*\n {2}cron_restart: /);
    assert.match(result.stderr, /warning: app "migrate": a key has no Kubernetes counterpart and is left out:\n {2}depends_on: /);
  });

  it('takes the image from the app key, and warns about nothing for an app that sets only what has a counterpart', async (t) => {
    const home = makeHome(t);
    const folder = path.dirname(richAppFile(t));
    fs.writeFileSync(path.join(folder, 'plain.json'), JSON.stringify({ name: 'plain', script: 'server.js', instances: 2, image: 'registry.example.com/plain:3' }));
    const result = await runCli(['export', 'kubernetes', path.join(folder, 'plain.json')], { home });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const deployment = byKind(parseManifests(result.stdout), 'Deployment', 'plain');
    assert.equal(dig(deployment, 'spec.template.spec.containers.0.image'), 'registry.example.com/plain:3');
  });
});
