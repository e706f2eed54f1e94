import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { jetstreamManager } from '@nats-io/jetstream';
import { HubRuleRefusal, InputValidationError } from '../../services/core/mod.ts';
import { NODE_IDEMPOTENCY_KEYS } from '../../services/core/durable-names.ts';
import { STREAMS } from '../../services/core/subjects.ts';
import { NodeRequestError } from '../../services/node/mod.ts';
import type { IdempotencyRecord } from '../../services/node/node-records.ts';
import { idempotencyKeyDigest, NodeStore } from '../../services/node/node-store.ts';
import { startHubFixture, waitFor, type HubFixture } from '../support/hub-fixture.ts';
import { startTestNode } from '../support/node-fixture.ts';

const example = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, any>;

/** IDN's rescue request, named to KHM, under its own case number. */
function idnAlert(caseNumber: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...example, caseReference: `IDN-2026-${caseNumber}`, distribution: { mode: 'named', states: ['KHM'] }, ...changes };
}

/** A routine report KHM's own systems send IDN (any submission of KHM's will do). */
function khmReport(caseNumber: string): Record<string, unknown> {
  return {
    type: 'case-alert', senderUnit: 'KHM-ATHJP', distribution: { mode: 'named', states: ['IDN'] }, handling: 'amber', priority: 'routine',
    caseReference: `KHM-2026-${caseNumber}`,
    payload: {
      kind: 'repatriation-notice', summary: 'Two Indonesian nationals removed from a compound await repatriation.',
      route: [{ state: 'IDN', role: 'origin' }, { state: 'KHM', role: 'destination', place: 'Sihanoukville' }],
      victims: [{ count: 2, ageBand: '18-24', gender: 'male', nationality: 'IDN' }], requestedActions: ['repatriate'],
    },
  };
}

async function submissionsSoFar(fixture: HubFixture): Promise<number> {
  return (await (await jetstreamManager(fixture.hub)).streams.info(STREAMS.submissions)).state.last_seq;
}

describe("who acknowledged, and idempotency keys that cannot be misused, on IDN's and KHM's nodes over a real hub", () => {
  test('acknowledgements name the officer; client keys are per caller, bound to their request, and apart from the node\'s own', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1 });
    const idn = await startTestNode(t, fixture, 'IDN');
    const khm = await startTestNode(t, fixture, 'KHM');

    /** IDN sends an alert to KHM and waits until KHM's node has it. */
    const alertAtKhm = async (caseNumber: string) => {
      const { messageId } = await idn.node.submit(idnAlert(caseNumber));
      await waitFor(() => khm.node.receivedMessage(messageId) !== undefined, `KHM receiving ${caseNumber}`);
      return messageId;
    };

    await t.test("KHM reads IDN's alert as officer sokha of KHM-NCB; IDN's status names that unit and officer", async () => {
      const alertId = await alertAtKhm('001001');
      const read = await khm.node.acknowledge(alertId, 'read', { unit: 'KHM-NCB', officerRef: 'sokha' });
      assert.equal(read.duplicate, false);
      await waitFor(() => idn.node.status(alertId)?.recipients[0]?.readBy !== undefined, 'IDN seeing who read it');
      const [recipient] = idn.node.status(alertId)?.recipients ?? [];
      assert.equal(recipient?.state, 'KHM');
      assert.deepEqual(recipient?.readBy, { unit: 'KHM-NCB', note: 'officer sokha' });
      assert.ok((recipient?.readAtUnixMs ?? 0) > 0);
      // What went over the wire: the acknowledgement's sender_unit and note.
      const onTheWire = fixture.inbox('IDN').ofKind('acknowledgement').find((item) => item.envelope.messageId === read.messageId);
      assert.equal(onTheWire?.envelope.senderUnit, 'KHM-NCB');
      assert.equal(onTheWire?.decoded.name === 'acknowledgement' && onTheWire.decoded.message.note, 'officer sokha');

      // A second officer reading it is not a second READ: the first officer stays the one named.
      const again = await khm.node.acknowledge(alertId, 'read', { unit: 'KHM-IMMIGRATION', officerRef: 'dara' });
      assert.deepEqual(again, { messageId: read.messageId, duplicate: true });

      // Without an actor: the node's own unit, no officer.
      await khm.node.acknowledge(alertId, 'actioned');
      await waitFor(() => idn.node.status(alertId)?.recipients[0]?.actionedBy !== undefined, 'IDN seeing who actioned it');
      assert.deepEqual(idn.node.status(alertId)?.recipients[0]?.actionedBy, { unit: 'KHM-LIAISON' });
      assert.deepEqual(idn.node.status(alertId)?.recipients[0]?.readBy, { unit: 'KHM-NCB', note: 'officer sokha' });
    });

    await t.test('an actor with a control character or a malformed officer reference is refused naming the field; nothing is sent', async () => {
      const alertId = await alertAtKhm('001002');
      const before = await submissionsSoFar(fixture);
      await assert.rejects(khm.node.acknowledge(alertId, 'read', { unit: 'KHM-NCB\u001b[2J', officerRef: 'sokha' }),
        (error) => error instanceof InputValidationError && /^actor\.unit: /.test(error.problems.join('\n')));
      await assert.rejects(khm.node.acknowledge(alertId, 'read', { unit: 'KHM-NCB', officerRef: 'Sokha Chan' }),
        (error) => error instanceof InputValidationError && /^actor\.officerRef: /.test(error.problems.join('\n')));
      assert.equal(await submissionsSoFar(fixture), before);
      // The refusal used nothing up: the READ can still be sent.
      assert.equal((await khm.node.acknowledge(alertId, 'read', { unit: 'KHM-NCB', officerRef: 'sokha' })).duplicate, false);
    });

    await t.test('the same key with the same request (keys in another order) returns the same message id, duplicate, and sends one message', async () => {
      const body = idnAlert('001100');
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const first = await idn.node.submit(body, { idempotencyKey: 'case-1100' });
      const second = await idn.node.submit(reordered, { idempotencyKey: 'case-1100' });
      assert.deepEqual([first.duplicate, second], [false, { messageId: first.messageId, duplicate: true }]);
      const marker = await alertAtKhm('001101');
      await waitFor(() => fixture.inbox('KHM').count(marker) === 1, 'the marker in KHM\'s inbox');
      assert.equal(fixture.inbox('KHM').count(first.messageId), 1);
    });

    await t.test('the same key with a different request is refused with IDEMPOTENCY_KEY_CONFLICT naming the first message, and nothing is published', async () => {
      const first = await idn.node.submit(idnAlert('001200'), { idempotencyKey: 'case-1200' });
      await waitFor(() => khm.node.receivedMessage(first.messageId) !== undefined, 'KHM receiving the first request');
      const before = await submissionsSoFar(fixture);
      const sentBefore = idn.node.sent().length;
      const corrected = idnAlert('001200', { priority: 'urgent' });
      await assert.rejects(idn.node.submit(corrected, { idempotencyKey: 'case-1200' }), (error) => {
        assert.ok(error instanceof NodeRequestError);
        assert.equal(error.code, 'IDEMPOTENCY_KEY_CONFLICT');
        assert.match(error.message, new RegExp(`different request \\(message ${first.messageId}\\).*Nothing was sent`));
        assert.equal(error.retryable, false);
        return true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(await submissionsSoFar(fixture), before, 'no submission reached the hub');
      assert.equal(idn.node.sent().length, sentBefore, 'nothing recorded as sent');
      // The first request under its key still gets its answer; the correction goes under a new key.
      assert.deepEqual(await idn.node.submit(idnAlert('001200'), { idempotencyKey: 'case-1200' }), { messageId: first.messageId, duplicate: true });
      assert.equal((await idn.node.submit(corrected, { idempotencyKey: 'case-1200-v2' })).duplicate, false);
    });

    await t.test("a client key spelled tipnet-ack:<id>:actioned stops neither the node's own ACTIONED nor picks up its READ", async () => {
      const alertId = await alertAtKhm('001300');
      const clientFirst = await khm.node.submit(khmReport('001300'), { idempotencyKey: NODE_IDEMPOTENCY_KEYS.acknowledgement(alertId, 'actioned') });
      assert.equal(clientFirst.duplicate, false);
      const actioned = await khm.node.acknowledge(alertId, 'actioned', { unit: 'KHM-NCB', officerRef: 'sokha' });
      assert.equal(actioned.duplicate, false, "the node's ACTIONED went out");
      assert.notEqual(actioned.messageId, clientFirst.messageId);
      await waitFor(() => idn.node.status(alertId)?.recipients[0]?.stage === 'actioned', 'IDN seeing the alert actioned');

      // The other way round: the node's READ first, then a client using its key gets a message of its own.
      const read = await khm.node.acknowledge(alertId, 'read');
      const clientAfter = await khm.node.submit(khmReport('001301'), { idempotencyKey: NODE_IDEMPOTENCY_KEYS.acknowledgement(alertId, 'read') });
      assert.equal(clientAfter.duplicate, false);
      assert.notEqual(clientAfter.messageId, read.messageId);
      await waitFor(() => idn.node.receivedMessage(clientAfter.messageId) !== undefined, "IDN receiving KHM's report");
    });

    await t.test('two national systems using the same key get two messages', async () => {
      const body = idnAlert('001400');
      const police = await idn.node.submit(body, { idempotencyKey: 'shared-key', callerId: 'polri-bareskrim' });
      const immigration = await idn.node.submit(body, { idempotencyKey: 'shared-key', callerId: 'imigrasi' });
      const anonymous = await idn.node.submit(body, { idempotencyKey: 'shared-key' });
      assert.deepEqual([police.duplicate, immigration.duplicate, anonymous.duplicate], [false, false, false]);
      assert.equal(new Set([police.messageId, immigration.messageId, anonymous.messageId]).size, 3);
      // Each caller's own repeat is still its own duplicate.
      assert.deepEqual(await idn.node.submit(body, { idempotencyKey: 'shared-key', callerId: 'imigrasi' }), { messageId: immigration.messageId, duplicate: true });
      await waitFor(() => [police, immigration, anonymous].every(({ messageId }) => khm.node.receivedMessage(messageId) !== undefined), 'KHM receiving all three');
    });

    await t.test("a request the node refuses leaves its key free; one the hub refuses keeps it bound", async () => {
      await assert.rejects(idn.node.submit(idnAlert('001500', { handling: 'purple' }), { idempotencyKey: 'case-1500' }), InputValidationError);
      assert.equal((await idn.node.submit(idnAlert('001500'), { idempotencyKey: 'case-1500' })).duplicate, false);

      // TLP:RED by route role: the node refuses it in the hub's words, and the key stays free.
      const red = idnAlert('001501', { handling: 'red', distribution: example.distribution });
      await assert.rejects(idn.node.submit(red, { idempotencyKey: 'case-1501' }), HubRuleRefusal);
      assert.equal((await idn.node.submit(idnAlert('001501'), { idempotencyKey: 'case-1501' })).duplicate, false);

      // A named state that has no leaf on this hub passes the node's checks (only the hub knows), and the hub refuses it.
      const elsewhere = idnAlert('001502', { distribution: { mode: 'named', states: ['THA'] } });
      const refused = await idn.node.submit(elsewhere, { idempotencyKey: 'case-1502' });
      await waitFor(() => idn.node.status(refused.messageId)?.rejection !== undefined, "the hub's refusal at IDN");
      assert.equal(idn.node.status(refused.messageId)?.rejection?.reasonCode, 'UNKNOWN_RECIPIENT');
      assert.deepEqual(await idn.node.submit(elsewhere, { idempotencyKey: 'case-1502' }), { messageId: refused.messageId, duplicate: true });
    });

    await t.test('a key recorded before keys had a namespace is honoured for a day, then no longer looked for', async () => {
      // Written through a second connection to the node's store file, as another process would.
      const store = NodeStore.open(idn.dataDir, 'IDN');
      t.after(() => store.close());
      const recent = await alertAtKhm('001600');
      const old = '00000000-0000-4000-8000-000000000001';
      const legacy = (messageId: string, createdAtUnixMs: number): IdempotencyRecord =>
        ({ messageId, envelope: '', published: true, createdAtUnixMs } satisfies IdempotencyRecord);
      await store.idempotency.put(idempotencyKeyDigest('before-upgrade'), legacy(recent, Date.now() - 60_000));
      await store.idempotency.put(idempotencyKeyDigest('long-before-upgrade'), legacy(old, Date.now() - 2 * 24 * 3_600_000));
      assert.deepEqual(await idn.node.submit(idnAlert('001601'), { idempotencyKey: 'before-upgrade' }), { messageId: recent, duplicate: true });
      const fresh = await idn.node.submit(idnAlert('001602'), { idempotencyKey: 'long-before-upgrade' });
      assert.equal(fresh.duplicate, false);
      assert.notEqual(fresh.messageId, old);
    });
  });
});
