import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { detectContainerEngine, LocalNatsErrorCode, startNatsServer } from '../../services/local-nats/mod.ts';

test('with the container runtime, a nats:2.10 container serves pub/sub and JetStream behind the same handle', async (t) => {
  const engine = await detectContainerEngine();
  if (!engine.available) return t.skip(`no container runtime: ${engine.reason}`);

  const server = await startNatsServer({ runtime: 'container', name: 'container-test' });
  t.after(() => server.stop());
  assert.match(server.url, /^nats:\/\/.+:\d+$/);
  assert.equal(server.isRunning, true);
  await assert.rejects(server.restart(), { code: LocalNatsErrorCode.unsupported });

  const nc = await connect({ ...server.connectOptions, name: 'local-nats container test' });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'CONTAINER', subjects: ['container.>'] });
    const ack = await jetstream(nc).publish('container.one', new TextEncoder().encode('in a container'));
    assert.deepEqual([ack.stream, ack.seq], ['CONTAINER', 1]);
  } finally {
    await nc.close();
  }
  await server.stop();
  assert.equal(server.isRunning, false);
});
