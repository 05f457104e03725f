// The admin actions the page can send: each one a method of the protocol with its params, and the
// outcome it reports (what the daemon did, or the error it answered).
import type { AppsDelete, AppsReload, AppsRestart, AppsScale, AppsSignal, AppsStart, AppsStop, ParamsOf, StateSave } from '@svctl/protocol';
import type { RpcSocket } from './rpc-socket.js';

type Actionable = typeof AppsStart | typeof AppsStop | typeof AppsRestart | typeof AppsReload | typeof AppsDelete | typeof AppsScale | typeof AppsSignal | typeof StateSave;

export interface ActionCall<M extends Actionable = Actionable> {
  /** What the outcome line says was done ("Stop web"). */
  label: string;
  method: M;
  params: ParamsOf<M>;
}

export interface ActionOutcome {
  ok: boolean;
  text: string;
}

export type Act = (call: ActionCall) => Promise<void>;

export async function runAction(socket: RpcSocket, call: ActionCall): Promise<ActionOutcome> {
  try {
    await socket.call(call.method, call.params);
    return { ok: true, text: `${call.label}: done` };
  } catch (error) {
    return { ok: false, text: `${call.label}: ${(error as Error).message}` };
  }
}
