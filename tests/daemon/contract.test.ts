// The contract, end to end: every method of the protocol driven through the real typed client against
// a real daemon, each result checked against its method's result schema and each streamed item
// against its item schema. A method added to ALL_METHODS without a case here fails this test.
import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';
import {
  DaemonReloadTls,
  TokenCreate,
  TokenList,
  TokenRevoke,
  ALL_METHODS,
  AppsDelete,
  AppsDescribe,
  AppsEnv,
  AppsList,
  AppsReload,
  AppsReset,
  AppsRestart,
  AppsScale,
  AppsSignal,
  AppsStart,
  AppsStop,
  compileValidator,
  DaemonHello,
  DaemonPing,
  DaemonStop,
  DaemonUnsubscribe,
  EventsSubscribe,
  LogsFlush,
  LogsReopen,
  LogsSearch,
  LogsTail,
  MonitorSamples,
  MonitorSubscribe,
  PROTOCOL_VERSION,
  StateResurrect,
  StateSave,
  SvctlClient,
  type ItemOf,
  type MethodDefinition,
  type MethodName,
  type ParamsOf,
  type ResultOf,
  type StreamingMethod,
} from '@svctl/protocol';
import { writeAppFile } from '../helpers/apps.js';
import { startDaemon } from '../helpers/daemon.js';
import { FIXTURES } from '../helpers/paths.js';
import { waitFor } from '../helpers/wait.js';

it('every method answers through the real client and dispatcher with what its schemas say', async (t) => {
  const daemon = await startDaemon(t);
  const client = await SvctlClient.connect({ home: daemon.home, clientName: 'contract-test' });
  t.after(() => client.close());
  const file = writeAppFile(t, { apps: [{ name: 'c1', script: path.join(FIXTURES, 'forever.js') }] });
  const driven = new Set<string>();

  const call = async <M extends MethodDefinition>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> => {
    const result = await client.call(method, params);
    assert.deepEqual(compileValidator(method.result)(result), [], `${method.name} result matches its schema: ${JSON.stringify(result)}`);
    driven.add(method.name);
    return result;
  };
  // Collects items until `enough` says so or the daemon ends the stream.
  const stream = async <M extends StreamingMethod>(method: M, params: ParamsOf<M>, enough: (item: ItemOf<M>) => boolean): Promise<ItemOf<M>[]> => {
    const items: ItemOf<M>[] = [];
    const validate = compileValidator(method.item);
    let done = false;
    const subscription = await client.subscribe(method, params, {
      onItem: (item) => {
        assert.deepEqual(validate(item), [], `${method.name} item matches its schema: ${JSON.stringify(item)}`);
        items.push(item);
        if (enough(item)) done = true;
      },
      onEnd: () => (done = true),
    });
    assert.deepEqual(compileValidator(method.result)(subscription.result), [], `${method.name} result matches its schema`);
    await waitFor(`${method.name} items`, () => done);
    await subscription.close();
    driven.add(method.name);
    return items;
  };
  const outcomeOf = (result: { apps: Array<{ app: string }> }): string[] => result.apps.map((outcome) => outcome.app);

  // One case per method, typed so that a method without a case does not compile either.
  const cases: { [N in MethodName]: () => Promise<void> } = {
    [DaemonHello.name]: async () => {
      const hello = await call(DaemonHello, { protocol_version: PROTOCOL_VERSION, client: { name: 'contract-test', version: '1' } });
      assert.equal(hello.pid, daemon.pid);
    },
    [DaemonPing.name]: async () => assert.equal((await call(DaemonPing, {})).home, daemon.home),
    [AppsStart.name]: async () => {
      assert.deepEqual(outcomeOf(await call(AppsStart, { file, cwd: path.dirname(file), env: {} })), ['c1']);
      await waitFor('c1 online', async () => (await client.call(AppsList, {})).instances.some((row) => row.status === 'online'));
    },
    [AppsList.name]: async () => assert.deepEqual((await call(AppsList, {})).instances.map((row) => [row.app, row.instance]), [['c1', 0]]),
    [AppsDescribe.name]: async () => assert.deepEqual((await call(AppsDescribe, { target: 'c1' })).apps.map((app) => app.app), ['c1']),
    [AppsEnv.name]: async () => assert.equal((await call(AppsEnv, { target: 'c1' })).instances[0]?.env.SVCTL_APP_NAME, 'c1'),
    [EventsSubscribe.name]: async () => {
      const items = await stream(EventsSubscribe, {}, (item) => item.type === 'live');
      assert.ok(items.some((item) => item.type === 'state' && item.app === 'c1'), 'the snapshot names c1');
    },
    [LogsTail.name]: async () => {
      const items = await stream(LogsTail, { target: 'c1', lines: 5 }, () => false);
      assert.ok(items.flatMap((item) => item.entries).some((entry) => entry.app === 'c1' && entry.msg === 'ready'), 'the backlog has c1 ready line');
    },
    [LogsSearch.name]: async () => {
      const found = await call(LogsSearch, { target: 'c1', pattern: 'READY' });
      assert.deepEqual([found.matches.map((entry) => [entry.app, entry.msg]), found.stopped_by], [[['c1', 'ready']], null]);
    },
    [DaemonUnsubscribe.name]: async () => {
      const subscription = await client.subscribe(EventsSubscribe, { snapshot: false }, { onItem: () => undefined });
      assert.deepEqual(await call(DaemonUnsubscribe, { subscription: subscription.id }), { ended: true });
    },
    [MonitorSamples.name]: async () => assert.deepEqual((await call(MonitorSamples, { limit: 5 })).instances.map((series) => series.app), ['c1']),
    [MonitorSubscribe.name]: async () => {
      const items = await stream(MonitorSubscribe, { limit: 5 }, (item) => item.type === 'tick' && item.instances.some((instance) => instance.app === 'c1'));
      assert.equal(items[0]?.type, 'history', 'the kept history comes first');
    },
    [AppsRestart.name]: async () => assert.deepEqual(outcomeOf(await call(AppsRestart, { target: 'c1' })), ['c1']),
    [AppsReload.name]: async () => assert.deepEqual(outcomeOf(await call(AppsReload, { target: 'c1' })), ['c1']),
    [AppsScale.name]: async () => assert.deepEqual(outcomeOf(await call(AppsScale, { app: 'c1', instances: 2 })), ['c1']),
    [AppsSignal.name]: async () => assert.deepEqual(outcomeOf(await call(AppsSignal, { target: 'c1', signal: 'SIGCONT' })), ['c1']),
    [AppsReset.name]: async () => assert.deepEqual(outcomeOf(await call(AppsReset, { target: 'c1' })), ['c1']),
    [LogsFlush.name]: async () => assert.ok((await call(LogsFlush, { target: 'c1' })).files.length > 0),
    [LogsReopen.name]: async () => assert.ok((await call(LogsReopen, {})).files.length > 0),
    [StateSave.name]: async () => assert.deepEqual((await call(StateSave, {})).running, ['c1']),
    [StateResurrect.name]: async () => assert.deepEqual(outcomeOf(await call(StateResurrect, {})), ['c1']),
    [AppsStop.name]: async () => assert.deepEqual(outcomeOf(await call(AppsStop, { target: 'c1' })), ['c1']),
    [AppsDelete.name]: async () => assert.deepEqual(outcomeOf(await call(AppsDelete, { target: 'c1' })), ['c1']),
    [DaemonReloadTls.name]: async () => assert.deepEqual(await call(DaemonReloadTls, {}), { reloaded: false }),
    [TokenCreate.name]: async () => assert.match((await call(TokenCreate, { name: 'contract', role: 'read' })).token, /^svctl_/),
    [TokenList.name]: async () => assert.deepEqual((await call(TokenList, {})).tokens.map((token) => [token.name, token.role]), [['contract', 'read']]),
    [TokenRevoke.name]: async () => assert.deepEqual(await call(TokenRevoke, { name: 'contract' }), { revoked: 'contract' }),
    [DaemonStop.name]: async () => {
      assert.equal((await call(DaemonStop, {})).pid, daemon.pid);
      assert.equal(await daemon.exited, 0);
    },
  };

  // The order a session would take: start before the verbs that need an app, stop the daemon last.
  const order: MethodName[] = [
    DaemonHello.name, DaemonPing.name, AppsStart.name, AppsList.name, AppsDescribe.name, AppsEnv.name, EventsSubscribe.name, LogsTail.name, LogsSearch.name,
    DaemonUnsubscribe.name, MonitorSamples.name, MonitorSubscribe.name, AppsRestart.name, AppsReload.name, AppsScale.name, AppsSignal.name, AppsReset.name,
    LogsFlush.name, LogsReopen.name, StateSave.name, StateResurrect.name, AppsStop.name, AppsDelete.name, TokenCreate.name, TokenList.name, TokenRevoke.name, DaemonReloadTls.name, DaemonStop.name,
  ];
  assert.deepEqual([...order].sort(), ALL_METHODS.map((method) => method.name).sort(), 'every method of ALL_METHODS has exactly one case');
  for (const name of order) await t.test(name, () => cases[name]());
  assert.deepEqual([...driven].sort(), ALL_METHODS.map((method) => method.name).sort(), 'every case drove its method');
});
