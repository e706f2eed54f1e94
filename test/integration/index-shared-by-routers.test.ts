// What several router instances share through TIP_MESSAGE_INDEX on a real server: a state's
// hit/no-hit query window (counted once across instances, whoever answers), and a drill started at
// run time (registered by one instance, known to the other at once).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { KvMessageIndex } from '../../services/router/mod.ts';
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
});
