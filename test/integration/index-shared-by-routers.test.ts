// What several router instances share through TIP_MESSAGE_INDEX on a real server: a state's
// hit/no-hit query window (counted once across instances, whoever answers), and a drill started at
// run time (registered by one instance, known to the other at once); identifier sightings recorded
// in one key per identifier and state and mirrored in each instance's memory (sighting-mirror.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { MESSAGE_INDEX_BUCKET } from '../../services/core/mod.ts';
import { KvMessageIndex } from '../../services/router/mod.ts';
import type { IdentifierSighting } from '../../services/router/hit-matching.ts';
import type { DrillRecord } from '../../services/router/drill-registry.ts';
import { startNatsServer, type NatsServerHandle } from '../../services/local-nats/mod.ts';

describe('the message index shared by two router instances', () => {
  let server: NatsServerHandle;
  let connections: NatsConnection[] = [];
  before(async () => {
    server = await startNatsServer({ name: 'shared-index' });
    connections = await Promise.all([1, 2].map((n) => connect({ ...server.connectOptions, name: `router ${n}` })));
  });
  after(async () => {
    await Promise.all(connections.map((nc) => nc.close()));
    await server?.stop();
  });

  test("a state's query window is one across instances: 5 a window answered of 12 asked at once, none counted twice", async () => {
    const [first, second] = await Promise.all(connections.map((nc) => KvMessageIndex.open(nc, { replicas: 1 })));
    const rate = { queriesPerWindow: 5, windowMs: 60_000 };
    const now = Date.now();
    const ask = async (index: KvMessageIndex, prefix: string) => {
      const answers: boolean[] = [];
      for (let n = 0; n < 6; n += 1) answers.push(await index.countQuery('VNM', `${prefix}-${n}`, now, rate));
      return answers;
    };
    const [a, b] = await Promise.all([ask(first!, 'a'), ask(second!, 'b')]);
    assert.equal([...a, ...b].filter(Boolean).length, 5);
    // A redo of a counted query, on the other instance, is allowed and not counted again.
    const counted = a[0] ? 'a-0' : 'b-0';
    assert.equal(await (counted === 'a-0' ? second! : first!).countQuery('VNM', counted, now, rate), true);
    assert.equal(await first!.countQuery('VNM', 'c-0', now, rate), false, 'the window is still full');
    assert.equal(await second!.countQuery('THA', 't-0', now, rate), true, 'another state has its own window');
  });

  test('a drill registered by one instance is known to the other', async () => {
    const [first, second] = await Promise.all(connections.map((nc) => KvMessageIndex.open(nc, { replicas: 1 })));
    const record: DrillRecord = {
      drillId: 'Übung 2026 / Phase 1', controller: 'IDN', participants: ['IDN', 'KHM'], scenario: 'compound rescue', status: 'running',
      startMessageId: '0d000000-0000-4000-8000-000000000001', startedAtUnixMs: 1, endsAtUnixMs: 0, controlMessageIds: ['0d000000-0000-4000-8000-000000000001'],
    };
    await first!.putDrill(record);
    assert.deepEqual(await second!.getDrill(record.drillId), record);
    assert.equal(await second!.getDrill('another drill'), undefined);
  });

  const sighting = (state: string, messageId: string): IdentifierSighting =>
    ({ state, messageId, traffic: 'real', identifierKind: 1, expiresAtUnixMs: Date.now() + 3_600_000 });

  test('a sighting recorded by one instance is seen by the other, and of two at once never both miss', async () => {
    const [first, second] = await Promise.all(connections.map((nc) => KvMessageIndex.open(nc, { replicas: 1 })));
    try {
      await Promise.all([first!.sightingsLoaded(), second!.sightingsLoaded()]);
      assert.deepEqual(await first!.addSighting('k-mirror-1', sighting('IDN', 'm-1'), Date.now()), []);
      assert.deepEqual((await second!.addSighting('k-mirror-1', sighting('KHM', 'm-2'), Date.now())).map((s) => s.state), ['IDN']);
      // Twenty keys recorded by both instances at once: on each key the later write saw the earlier.
      const keys = Array.from({ length: 20 }, (_, n) => `k-race-${n}`);
      const seen = await Promise.all(keys.flatMap((key) => [
        first!.addSighting(key, sighting('THA', `${key}-a`), Date.now()),
        second!.addSighting(key, sighting('PHL', `${key}-b`), Date.now()),
      ]));
      for (let n = 0; n < keys.length; n += 1) assert.ok(seen[2 * n]!.length + seen[2 * n + 1]!.length >= 1, keys[n]);
      assert.deepEqual((await first!.sightingsOf('k-race-0')).map((s) => s.state).sort(), ['PHL', 'THA']);
    } finally {
      await Promise.all([first!.close(), second!.close()]);
    }
  });

  test("one state's sightings written by two instances at once all land (compare-and-set on the state's key)", async () => {
    const [first, second] = await Promise.all(connections.map((nc) => KvMessageIndex.open(nc, { replicas: 1 })));
    try {
      // Ten drills' exercise traffic: each is its own traffic class, so each needs a write to KHM's key.
      await Promise.all(Array.from({ length: 10 }, (_, n) => (n % 2 ? first! : second!).addSighting(
        'k-same-state', { ...sighting('KHM', `d-${n}`), traffic: `exercise:drill-${n}` }, Date.now())));
      assert.deepEqual((await first!.sightingsOf('k-same-state')).map((s) => s.messageId).sort(), Array.from({ length: 10 }, (_, n) => `d-${n}`).sort());
      await second!.removeSightings('k-same-state', 'd-3');
      assert.equal((await second!.sightingsOf('k-same-state')).some((s) => s.messageId === 'd-3'), false);
    } finally {
      await Promise.all([first!.close(), second!.close()]);
    }
  });

  test("the shared list an older release wrote is still matched and retracted from", async () => {
    const kv = await new Kvm(connections[0]!).open(MESSAGE_INDEX_BUCKET);
    await kv.put('seen.k-legacy', JSON.stringify([sighting('IDN', 'old-1'), sighting('VNM', 'old-2')]));
    const index = await KvMessageIndex.open(connections[1]!, { replicas: 1 });
    try {
      await index.sightingsLoaded();
      assert.deepEqual((await index.addSighting('k-legacy', sighting('KHM', 'new-1'), Date.now())).map((s) => s.messageId), ['old-1', 'old-2']);
      await index.removeSightings('k-legacy', 'old-1');
      assert.deepEqual((await index.sightingsOf('k-legacy')).map((s) => s.messageId), ['old-2', 'new-1']);
      assert.deepEqual((await kv.get('seen.k-legacy'))!.json<IdentifierSighting[]>().map((s) => s.messageId), ['old-2']);
    } finally {
      await index.close();
    }
  });
});
