import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect, type Subscription, type Msg } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  allocateServerLayout,
  requireNatsServerBinary,
  LocalNatsError,
  LocalNatsErrorCode,
  startNatsCluster,
  startNatsServer,
  startServerProcess,
} from '../../services/local-nats/mod.ts';
import {
  baseServerConfig,
  hubAccounts,
  hubNodeConfigs,
  leafServerConfig,
  renderServerConfig,
  type ServerLayout,
} from '../../services/nats-config/mod.ts';

const encoder = new TextEncoder();

function processIsGone(pid: number | undefined): boolean {
  assert.ok(pid !== undefined);
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function firstMessage(subscription: Subscription): Promise<Msg> {
  for await (const message of subscription) return message;
  throw new Error(`subscription ${subscription.getSubject()} closed without a message`);
}

/** A publish may fail while a new stream leader is elected; it should succeed within the deadline. */
async function publishWithin(timeoutMs: number, publish: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await publish();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe('a single nats-server', () => {
  test('it listens on free loopback ports, round-trips pub/sub and stores JetStream messages', async (t) => {
    const server = await startNatsServer({ name: 'single-test', runtime: 'binary' });
    t.after(() => server.stop());
    assert.notEqual(server.port, 4222);
    assert.equal(server.url, `nats://127.0.0.1:${server.port}`);
    assert.match(server.dataDir, /tipnet-nats-/);

    const nc = await connect({ ...server.connectOptions, name: 'local-nats single test' });
    try {
      const subscription = nc.subscribe('greetings', { max: 1, timeout: 5_000 });
      nc.publish('greetings', encoder.encode('hello'));
      assert.equal((await firstMessage(subscription)).string(), 'hello');

      await (await jetstreamManager(nc)).streams.add({ name: 'GREETINGS', subjects: ['greetings.>'] });
      const ack = await jetstream(nc).publish('greetings.stored', encoder.encode('kept'));
      assert.deepEqual([ack.stream, ack.seq], ['GREETINGS', 1]);
    } finally {
      await nc.close();
    }
  });

  test('after stop() the process is gone and its temporary dir removed, and stop() can be called again', async () => {
    const server = await startNatsServer({ name: 'stop-test', runtime: 'binary', jetstream: false });
    const { pid, dataDir } = server;
    assert.ok(existsSync(dataDir));
    await server.stop();
    assert.ok(processIsGone(pid));
    assert.equal(existsSync(dataDir), false);
    assert.equal(server.isRunning, false);
    await server.stop();
    await assert.rejects(server.restart(), { code: LocalNatsErrorCode.unsupported });
  });

  test('JetStream state survives restart() after a graceful stop and after kill()', async (t) => {
    const server = await startNatsServer({ name: 'restart-test', runtime: 'binary' });
    t.after(() => server.stop());
    const publishOne = async (text: string) => {
      const nc = await connect({ ...server.connectOptions, name: 'local-nats restart test' });
      try {
        const jsm = await jetstreamManager(nc);
        await jsm.streams.add({ name: 'EVENTS', subjects: ['events.>'] });
        await jetstream(nc).publish('events.one', encoder.encode(text));
        return (await jsm.streams.info('EVENTS')).state.messages;
      } finally {
        await nc.close();
      }
    };
    assert.equal(await publishOne('first'), 1);
    const portsBefore = [server.port, server.httpPort];
    await server.stop({ keepData: true });
    await server.restart();
    assert.equal(await publishOne('second'), 2);
    await server.kill();
    assert.equal(server.isRunning, false);
    await server.restart();
    assert.equal(await publishOne('third'), 3);
    assert.deepEqual([server.port, server.httpPort], portsBefore);
  });

  test('a server whose port is taken fails fast with LOCAL_NATS_EXITED_EARLY and its log tail', async (t) => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen({ host: '127.0.0.1', port: 0 }, resolve));
    t.after(() => new Promise((resolve) => squatter.close(resolve)));
    const allocated = await allocateServerLayout('port-clash');
    const takenPort = (squatter.address() as { port: number }).port;
    const layout: ServerLayout = { ...allocated, ports: { ...allocated.ports, client: takenPort } };
    await assert.rejects(
      startServerProcess({ layout, config: baseServerConfig(layout), readyTimeoutMs: 10_000 }),
      (error: unknown) =>
        error instanceof LocalNatsError && error.code === LocalNatsErrorCode.exitedEarly && /address already in use/.test(error.message),
    );
    assert.equal(existsSync(layout.dataDir), false);
  });
});

describe('a 3-node JetStream cluster', () => {
  test('it elects a JetStream meta leader and keeps an R3 stream writable with one node stopped', async (t) => {
    const cluster = await startNatsCluster({ size: 3, jetstream: true, name: 'cluster-test' });
    t.after(() => cluster.stop());
    assert.deepEqual(cluster.nodes.map((node) => node.name), ['cluster-test-1', 'cluster-test-2', 'cluster-test-3']);
    assert.equal(new Set(cluster.urls).size, 3);

    const nc = await connect({ ...cluster.connectOptions, name: 'local-nats cluster test' });
    try {
      const jsm = await jetstreamManager(nc);
      const js = jetstream(nc);
      const created = await jsm.streams.add({ name: 'ALERTS', subjects: ['alerts.>'], num_replicas: 3 });
      assert.equal(created.config.num_replicas, 3);
      await js.publish('alerts.one', encoder.encode('1'));

      // Stopping the stream leader is the hardest case: the others must elect a new one.
      const leader = (await jsm.streams.info('ALERTS')).cluster?.leader;
      const leaderIndex = cluster.nodes.findIndex((node) => node.name === leader);
      assert.ok(leaderIndex >= 0, `stream leader ${leader} is one of the nodes`);
      await cluster.stopNode(leaderIndex);
      assert.equal(cluster.nodes[leaderIndex]?.isRunning, false);
      await publishWithin(15_000, () => js.publish('alerts.two', encoder.encode('2'), { timeout: 2_000 }));

      await cluster.startNode(leaderIndex);
      await publishWithin(15_000, async () => {
        const info = await jsm.streams.info('ALERTS');
        const replicas = info.cluster?.replicas ?? [];
        assert.equal(info.state.messages, 2);
        assert.ok(replicas.length === 2 && replicas.every((replica) => replica.current), 'all replicas current again');
      });
    } finally {
      await nc.close();
    }
  });
});

describe('rendered configs', () => {
  test('hub and leaf configs are accepted by `nats-server -t`', async (t) => {
    const binary = requireNatsServerBinary();
    const dir = await mkdtemp(join(tmpdir(), 'tipnet-nats-conftest-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const hubLayout: ServerLayout = { name: 'hub-1', dataDir: dir, keepData: true, ports: { client: 1, monitoring: 2, leafnode: 3 } };
    const accounts = hubAccounts({
      hubUser: { user: 'hub', password: 'secret' },
      leafUsers: { IDN: { user: 'leaf-IDN', password: 'p1' } },
    });
    const leaf = leafServerConfig({ ...hubLayout, name: 'leaf-IDN' }, {
      state: 'IDN',
      hubLeafnodeUrls: ['nats://127.0.0.1:3'],
      leafUser: { user: 'leaf-IDN', password: 'p1' },
      localApps: 'local',
    });
    for (const [file, config] of [['hub.conf', hubNodeConfigs([hubLayout], accounts)[0]], ['leaf.conf', leaf]] as const) {
      assert.ok(config);
      await writeFile(join(dir, file), renderServerConfig(config));
      const { stdout, stderr } = await promisify(execFile)(binary, ['-t', '-c', join(dir, file)]);
      assert.match(stdout + stderr, /configuration file .* is valid/);
    }
  });
});
