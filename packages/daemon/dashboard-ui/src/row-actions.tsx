// The admin controls of one row. They act on the whole app (as `svctl stop NAME` does); delete asks
// for confirmation first. Only rendered for an admin session.
import { AppsDelete, AppsReload, AppsRestart, AppsScale, AppsSignal, AppsStart, AppsStop } from '@svctl/protocol';
import { useState } from 'preact/hooks';
import type { Act } from './actions.js';

const SIGNALS = ['SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGINT', 'SIGTERM'];

export function RowActions({ app, act }: { app: string; act: Act }) {
  const [confirming, setConfirming] = useState(false);
  const [instances, setInstances] = useState('1');
  const [signal, setSignal] = useState(SIGNALS[0] ?? 'SIGHUP');
  const target = { target: app };
  if (confirming) {
    return (
      <div class="actions confirm" role="group" aria-label={`Confirm deleting ${app}`}>
        <span>Delete {app}?</span>
        <button type="button" class="danger" onClick={() => void act({ label: `Delete ${app}`, method: AppsDelete, params: target }).finally(() => setConfirming(false))}>
          Confirm delete
        </button>
        <button type="button" onClick={() => setConfirming(false)} autoFocus>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <div class="actions" role="group" aria-label={`Actions for ${app}`}>
      <button type="button" aria-label={`Start ${app}`} onClick={() => void act({ label: `Start ${app}`, method: AppsStart, params: { ...target, cwd: '/', env: {} } })}>
        Start
      </button>
      <button type="button" aria-label={`Stop ${app}`} onClick={() => void act({ label: `Stop ${app}`, method: AppsStop, params: target })}>
        Stop
      </button>
      <button type="button" aria-label={`Restart ${app}`} onClick={() => void act({ label: `Restart ${app}`, method: AppsRestart, params: target })}>
        Restart
      </button>
      <button type="button" aria-label={`Reload ${app}`} onClick={() => void act({ label: `Reload ${app}`, method: AppsReload, params: target })}>
        Reload
      </button>
      <button type="button" class="danger" aria-label={`Delete ${app}`} onClick={() => setConfirming(true)}>
        Delete
      </button>
      <details>
        <summary aria-label={`More actions for ${app}`}>More</summary>
        <label>
          Instances
          <input type="number" min="0" value={instances} onInput={(event) => setInstances(event.currentTarget.value)} />
        </label>
        <button type="button" aria-label={`Scale ${app}`} onClick={() => void act({ label: `Scale ${app}`, method: AppsScale, params: { app, instances: Number(instances) } })}>
          Scale
        </button>
        <label>
          Signal
          <select value={signal} onChange={(event) => setSignal(event.currentTarget.value)}>
            {SIGNALS.map((name) => (
              <option value={name}>{name}</option>
            ))}
          </select>
        </label>
        <button type="button" aria-label={`Send the signal to ${app}`} onClick={() => void act({ label: `${signal} to ${app}`, method: AppsSignal, params: { ...target, signal } })}>
          Send
        </button>
      </details>
    </div>
  );
}
