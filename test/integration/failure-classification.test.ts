// How nats.js v3 reports the JetStream failures the hub branches on, checked against a real
// server: the router and its index recognise them by server code, never by message text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, jetstreamManager, JetStreamApiError } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { hasJetStreamCode, isRetryableFailure, JetStreamApiCodes, STREAMS } from '../../services/core/mod.ts';
import { ensureHubStreams, isWriteConflict } from '../../services/router/mod.ts';
import { startNatsServer, type NatsServerHandle } from '../../services/local-nats/mod.ts';

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('JetStream failures are recognised by their server codes', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  before(async () => {
    server = await startNatsServer({ name: 'failure-codes' });
    nc = await connect({ ...server.connectOptions, name: 'failure-codes-test' });
  });
  after(async () => {
    await nc?.close();
    await server?.stop();
  });

  test('a KV create on a key that exists fails with StreamWrongLastSequence, a write conflict', async () => {
    const kv = await new Kvm(nc).create('CLASSIFY_CREATE', { history: 1 });
    await kv.create('k', '1');
    const error = await rejectionOf(kv.create('k', '2'));
    assert.ok(error instanceof JetStreamApiError);
    assert.equal(error.code, JetStreamApiCodes.StreamWrongLastSequence);
    assert.equal(isWriteConflict(error), true);
  });

  test('a KV update at a stale revision fails with StreamWrongLastSequence, a write conflict', async () => {
    const kv = await new Kvm(nc).create('CLASSIFY_UPDATE', { history: 1 });
    const first = await kv.create('k', '1');
    await kv.update('k', '2', first);
    const error = await rejectionOf(kv.update('k', '3', first));
    assert.ok(hasJetStreamCode(error, JetStreamApiCodes.StreamWrongLastSequence));
    assert.equal(isWriteConflict(error), true);
  });

  test('a KV write to a bucket whose stream is gone is not a write conflict', async () => {
    const kv = await new Kvm(nc).create('CLASSIFY_GONE', { history: 1 });
    await (await jetstreamManager(nc)).streams.delete('KV_CLASSIFY_GONE');
    const error = await rejectionOf(kv.put('k', '1', { timeout: 1_000 }));
    assert.equal(isWriteConflict(error), false);
  });

  test('info on a missing stream fails with StreamNotFound, which the policy calls permanent', async () => {
    const jsm = await jetstreamManager(nc);
    const error = await rejectionOf(jsm.streams.info('NO_SUCH_STREAM'));
    assert.ok(hasJetStreamCode(error, JetStreamApiCodes.StreamNotFound));
    assert.equal(isRetryableFailure(error), false);
  });

  test('info on a missing consumer fails with ConsumerNotFound', async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'CLASSIFY_CONSUMERS', subjects: ['classify.consumers'] });
    const error = await rejectionOf(jsm.consumers.info('CLASSIFY_CONSUMERS', 'nobody'));
    assert.ok(hasJetStreamCode(error, JetStreamApiCodes.ConsumerNotFound));
    await jsm.consumers.add('CLASSIFY_CONSUMERS', { durable_name: 'someone', ack_policy: AckPolicy.Explicit });
    assert.equal((await jsm.consumers.info('CLASSIFY_CONSUMERS', 'someone')).name, 'someone');
  });

  test('ensuring the hub streams twice creates them once and then updates them', async () => {
    await ensureHubStreams(nc, { replicas: 1 });
    await ensureHubStreams(nc, { replicas: 1 });
    const jsm = await jetstreamManager(nc);
    assert.equal((await jsm.streams.info(STREAMS.submissions)).config.name, STREAMS.submissions);
  });
});
