// What several router instances share through TIP_MESSAGE_INDEX on a real server: a state's
// hit/no-hit query window (counted once across instances, whoever answers), and a drill started at
// run time (registered by one instance, known to the other at once); identifier sightings recorded
// by instances that keep them in memory (sighting-mirror.ts), also when that memory is out of date.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
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

  test('mirrored instances: a sighting recorded by one is seen by the other, and of two at once the second sees the first', async () => {
    const [first, second] = await Promise.all(connections.map((nc) => KvMessageIndex.open(nc, { replicas: 1, mirrorSightings: true })));
    try {
      await Promise.all([first!.sightingsLoaded(), second!.sightingsLoaded()]);
      assert.deepEqual(await first!.addSighting('k-mirror-1', sighting('IDN', 'm-1'), Date.now()), []);
      assert.deepEqual((await second!.addSighting('k-mirror-1', sighting('KHM', 'm-2'), Date.now())).map((s) => s.state), ['IDN']);
      // Twenty keys recorded by both instances at once: on each key exactly one saw the other.
      const keys = Array.from({ length: 20 }, (_, n) => `k-race-${n}`);
      const seen = await Promise.all(keys.flatMap((key) => [
        first!.addSighting(key, sighting('THA', `${key}-a`), Date.now()),
        second!.addSighting(key, sighting('PHL', `${key}-b`), Date.now()),
      ]));
      for (let n = 0; n < keys.length; n += 1) assert.equal(seen[2 * n]!.length + seen[2 * n + 1]!.length, 1, keys[n]);
      assert.equal((await first!.sightingsOf('k-race-0')).length, 2);
    } finally {
      await Promise.all([first!.close(), second!.close()]);
    }
  });

  test('a mirror that stopped following the bucket still never loses or misses a sighting', async () => {
    const writer = await KvMessageIndex.open(connections[0]!, { replicas: 1 });
    await writer.addSighting('k-stale-held', sighting('IDN', 's-1'), Date.now());
    const stale = await KvMessageIndex.open(connections[1]!, { replicas: 1, mirrorSightings: true });
    await stale.sightingsLoaded();
    assert.ok(stale.mirroredSightings >= 1);
    // Its watch stops: from here on what it remembers is out of date.
    await stale.close();
    await writer.addSighting('k-stale-held', sighting('MYS', 's-2'), Date.now());
    await writer.addSighting('k-stale-new', sighting('VNM', 's-3'), Date.now());
    // It remembers k-stale-held at an old revision and k-stale-new not at all: both writes lose, are read afresh, and land.
    assert.deepEqual((await stale.addSighting('k-stale-held', sighting('KHM', 's-4'), Date.now())).map((s) => s.state), ['IDN', 'MYS']);
    assert.deepEqual((await stale.addSighting('k-stale-new', sighting('KHM', 's-5'), Date.now())).map((s) => s.state), ['VNM']);
    assert.deepEqual((await writer.sightingsOf('k-stale-held')).map((s) => s.state), ['IDN', 'MYS', 'KHM']);
    // A state reporting again needs no write; the answer then comes from the bucket, not the old memory.
    await writer.addSighting('k-stale-held', sighting('LAO', 's-6'), Date.now());
    assert.deepEqual((await stale.addSighting('k-stale-held', sighting('KHM', 's-7'), Date.now())).map((s) => s.state), ['IDN', 'MYS', 'KHM', 'LAO']);
  });
});
