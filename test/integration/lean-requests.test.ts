// The hub's lean requests (lean-requests.ts) on a real server: answers, no responders, timeouts,
// a claim's expect-nothing publish and the forwarding check's direct get, and the message index
// built on them (a claim over a delete marker, an id claimed by two instances at once).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { MESSAGE_INDEX_BUCKET } from '../../services/core/mod.ts';
import { hasLiveValue, isWriteConflict, KvMessageIndex, leanRequests, publishExpectingNone, type LeanRequests } from '../../services/router/mod.ts';
import { startNatsServer, type NatsServerHandle } from '../../services/local-nats/mod.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('lean requests on a real server', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let requests: LeanRequests;
  before(async () => {
    server = await startNatsServer({ name: 'lean-requests' });
    nc = await connect({ ...server.connectOptions, name: 'lean requests' });
    requests = leanRequests(nc);
  });
  after(async () => {
    requests?.close();
    await nc?.close();
    await server?.stop();
  });

  test('answered requests each get their own reply, even when answered out of order', async () => {
    let held: Array<() => void> = [];
    nc.subscribe('echo.*', { callback: (_error, msg) => { held.push(() => msg.respond(bytes(`re ${msg.subject}`))); } });
    const answers = Promise.all([1, 2, 3].map((n) => requests.request(`echo.${n}`, bytes('x'), { timeout: 2_000 })));
    while (held.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const respond of held.reverse()) respond();
    held = [];
    assert.deepEqual((await answers).map((msg) => msg.string()), ['re echo.1', 're echo.2', 're echo.3']);
  });

  test('nobody listening fails at once naming the subject; nobody answering times out naming it', async () => {
    const started = Date.now();
    await assert.rejects(requests.request('nobody.here', bytes('x'), { timeout: 5_000 }), /no responders on nobody\.here/);
    assert.ok(Date.now() - started < 2_000, 'no responders is not a timeout');
    nc.subscribe('silent.one', { callback: () => undefined });
    await assert.rejects(requests.request('silent.one', bytes('x'), { timeout: 200 }), /request on silent\.one timed out/);
  });

  test('an expect-nothing publish stores once; the second is a write conflict, as kv.create reports it', async () => {
    const kv = await new Kvm(nc).create('LEAN_TEST', { history: 1 });
    const first = await publishExpectingNone(requests, '$KV.LEAN_TEST.msg.a', bytes('{"n":1}'), 2_000);
    assert.ok(first > 0);
    const second = await publishExpectingNone(requests, '$KV.LEAN_TEST.msg.a', bytes('{"n":2}'), 2_000).then(() => undefined, (error: unknown) => error);
    assert.equal(isWriteConflict(second), true, `a conflict, got ${String(second)}`);
    assert.equal((await kv.get('msg.a'))?.string(), '{"n":1}');
  });

  test('the direct get tells a live value from none and from a deleted one', async () => {
    const kv = await new Kvm(nc).create('LEAN_HELD', { history: 1 });
    await kv.put('held.d1.KHM', '1');
    await kv.put('held.d2.KHM', '1');
    await kv.delete('held.d2.KHM');
    assert.equal(await hasLiveValue(requests, 'KV_LEAN_HELD', '$KV.LEAN_HELD.held.d1.KHM', 2_000), true);
    assert.equal(await hasLiveValue(requests, 'KV_LEAN_HELD', '$KV.LEAN_HELD.held.d1.THA', 2_000), false);
    assert.equal(await hasLiveValue(requests, 'KV_LEAN_HELD', '$KV.LEAN_HELD.held.d2.KHM', 2_000), false);
  });

  test('the index: one of two instances claiming an id at once wins; a claim over a delete marker succeeds; the forwarding check reads holders', async () => {
    const other = await connect({ ...server.connectOptions, name: 'lean requests, second router' });
    const otherRequests = leanRequests(other);
    try {
      const [first, second] = await Promise.all([
        KvMessageIndex.open(nc, { replicas: 1, requests }),
        KvMessageIndex.open(other, { replicas: 1, requests: otherRequests }),
      ]);
      const claimOf = (sender: string) => ({ messageId: 'id-both', sender, recipients: ['KHM'], payloadName: 'case-alert', handling: 2, exercise: false, drillId: '', envelopeDigest: sender });
      const results = await Promise.all([first!.claim(claimOf('IDN')), second!.claim(claimOf('VNM'))]);
      assert.deepEqual(results.map((r) => (r.kind === 'conflict' ? r.code : r.kind)).sort(), ['MESSAGE_ID_TAKEN', 'claimed']);

      const kv = await new Kvm(nc).open(MESSAGE_INDEX_BUCKET);
      await kv.put('msg.id-gone', JSON.stringify(claimOf('THA')));
      await kv.delete('msg.id-gone');
      assert.deepEqual(await first!.claim({ ...claimOf('IDN'), messageId: 'id-gone' }), { kind: 'claimed' });
      assert.equal((await first!.get('id-gone'))?.sender, 'IDN');

      await first!.addRestrictedHolders('digest-1', ['KHM']);
      assert.equal(await second!.holdsRestricted('digest-1', 'KHM'), true);
      assert.equal(await second!.holdsRestricted('digest-1', 'THA'), false);
      await Promise.all([first!.close(), second!.close()]);
    } finally {
      otherRequests.close();
      await other.close();
    }
  });
});
