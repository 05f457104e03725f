// One deploy command on every host of a target, in parallel: pre-deploy-local first (update only), then
// the same script (remote-script.ts) over ssh to each host. Fails with DEPLOY_FAILED naming each failed host.
import { SvctlError, type DeploySpec } from '@svctl/protocol';
import type { DeployAction } from './deploy-action.js';
import { remoteScript, releaseStamp } from './remote-script.js';
import { runLocalHook } from './run-local-hook.js';
import { runOnHost, type DeployOutput, type HostOutcome } from './run-on-host.js';

export async function runDeploy(spec: DeploySpec, action: DeployAction, output: DeployOutput, now = new Date()): Promise<HostOutcome[]> {
  const local = spec.hooks['pre-deploy-local'];
  if (action.kind === 'update' && local !== undefined) {
    output.stdout(`  ○ pre-deploy-local: ${local}\n`);
    const code = await runLocalHook(local, spec.env);
    if (code !== 0) throw new SvctlError('DEPLOY_FAILED', `deploy ${spec.name}: pre-deploy-local failed (exit ${code}); no host was contacted`);
  }
  const script = remoteScript(spec, action, releaseStamp(now));
  const outcomes = await Promise.all(spec.hosts.map((host) => runOnHost(spec, host, script, output)));
  const failed = outcomes.filter((outcome) => outcome.code !== 0);
  if (failed.length > 0) {
    const what = action.kind === 'exec' ? 'exec' : action.kind;
    throw new SvctlError('DEPLOY_FAILED', `deploy ${spec.name} ${what} failed on ${failed.length} of ${outcomes.length} host(s): ${failed.map(describeFailure).join('; ')}`, {
      details: { target: spec.name, action: action.kind, failed: failed.map(({ host, code, signal }) => ({ host, code, signal })) },
    });
  }
  return outcomes;
}

function describeFailure(outcome: HostOutcome): string {
  if (outcome.error !== undefined) return `${outcome.host} (cannot run ssh: ${outcome.error})`;
  if (outcome.signal !== null) return `${outcome.host} (ssh killed by ${outcome.signal})`;
  if (outcome.code === 255) return `${outcome.host} (ssh failed, exit 255: connection, authentication or host key; see its lines above)`;
  return `${outcome.host} (exit ${outcome.code})`;
}
