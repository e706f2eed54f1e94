// The workbench API on two real nodes and a real hub: alerts, a request, its answer and a
// withdrawal go from IDN to KHM and back; the inbox pages, sorts, filters and searches; details
// hold the whole payload without keyed hashes or clear identifiers; unread is per officer; a case
// reads as one thread; and a restart of the node keeps all of it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { NODE_BUCKETS } from '../../services/core/durable-names.ts';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';
import { getJson, postJson, startTestNode } from '../support/node-fixture.ts';
import { alertInput, prepared } from '../support/store-messages.ts';

const CASE = 'IDN-2026-000900';

function request(): Record<string, unknown> {
  return {
    type: 'assistance-request', senderUnit: 'POLRI-BARESKRIM', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber', priority: 'urgent',
    caseReference: CASE,
    payload: {
      kind: 'rescue', requestedState: 'KHM', summary: 'Please rescue three nationals held in the Golden Fortune compound.', personsCount: 3,
      identifiers: [{ kind: 'passport', value: 'X 9876543' }], location: { state: 'KHM', placeName: 'Bavet' },
    },
  };
}

function answer(requestMessageId: string): Record<string, unknown> {
  return {
    type: 'assistance-response', senderUnit: 'KHM-NCB', distribution: { mode: 'named', states: ['IDN'] }, handling: 'amber', priority: 'urgent',
    caseReference: CASE, payload: { requestMessageId, outcome: 'accepted', summary: 'Team dispatched to Bavet.', personsAssisted: 0 },
  };
}

describe('the officer workbench API', () => {
  test('inbox, detail, case thread and unread state across two nodes, and after a restart', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1 });
    const idn = await startTestNode(t, fixture, 'IDN');
    let khm = await startTestNode(t, fixture, 'KHM');
    const sokha = { cookie: await khm.signInAs('sokha', 'officer') };
    const dara = { cookie: await khm.signInAs('dara', 'officer') };

    const send = async (json: unknown, node = idn) => {
      const answered = await postJson(`${node.url}/api/messages`, json);
      assert.equal(answered.status, 202, JSON.stringify(answered.body));
      return answered.body.messageId as string;
    };
    const alerts = [
      await send(alertInput(CASE, { to: 'KHM', priority: 'routine', nationality: 'IDN', place: 'Sihanoukville' })),
      await send(alertInput('IDN-2026-000901', { to: 'KHM', priority: 'immediate', nationality: 'MMR', place: 'Poipet', kind: 'missing-person' })),
      await send(alertInput('IDN-2026-000902', { to: 'KHM', priority: 'urgent', nationality: 'IDN', place: 'Kampot' })),
    ];
    const requestId = await send(request());
    await waitFor(() => [...alerts, requestId].every((id) => khm.node.receivedMessage(id) !== undefined), 'KHM receiving everything');
    await send(answer(requestId), khm);
    const withdrawal = await send({
      type: 'retraction', senderUnit: 'POLRI-BARESKRIM', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber', priority: 'urgent',
      caseReference: 'IDN-2026-000902', payload: { retractedMessageId: alerts[2], kind: 'withdraw', reason: 'Duplicate of an earlier alert.' },
    });
    await waitFor(() => khm.node.receivedMessage(withdrawal) !== undefined, 'KHM receiving the withdrawal');
    await waitFor(() => idn.node.status(requestId)?.answers.length === 1, 'IDN receiving the answer');
    // Receipts and reads are not rows: KHM's READ of one alert folds into IDN's sent message.
    assert.equal((await postJson(`${khm.url}/api/messages/${alerts[0]}/acknowledge`, { status: 'read' })).status, 202);
    await waitFor(() => idn.node.status(alerts[0]!)?.recipients[0]?.readAtUnixMs !== undefined, 'IDN seeing the read');

    await t.test('KHM pages, sorts, filters and searches its inbox', async () => {
      const all = (await getJson(`${khm.url}/api/inbox?pageSize=2`)).body;
      assert.equal(all.total, 5, 'three alerts, a request, a retraction; no acknowledgement rows');
      assert.equal(all.items.length, 2);
      assert.equal(all.items[0].messageId, withdrawal, 'newest first');
      assert.deepEqual((await getJson(`${khm.url}/api/inbox?pageSize=2&page=3`)).body.items.map((item: any) => item.messageId), [alerts[0]]);
      const byPriority = (await getJson(`${khm.url}/api/inbox?kinds=case-alert&sort=priority`)).body.items.map((item: any) => item.summary.priority);
      assert.deepEqual(byPriority, ['immediate', 'urgent', 'routine']);
      assert.deepEqual((await getJson(`${khm.url}/api/inbox?kinds=missing-person`)).body.items.map((item: any) => item.messageId), [alerts[1]]);
      assert.equal((await getJson(`${khm.url}/api/inbox?nationalities=MMR`)).body.total, 1);
      assert.equal((await getJson(`${khm.url}/api/inbox?priorities=urgent,immediate&kinds=case-alert`)).body.total, 2);
      assert.equal((await getJson(`${khm.url}/api/inbox?states=IDN&roles=origin`)).body.total, 3);
      assert.equal((await getJson(`${khm.url}/api/inbox?handling=amber&traffic=real`)).body.total, 5);
      assert.deepEqual((await getJson(`${khm.url}/api/inbox?caseReference=${CASE}`)).body.items.map((item: any) => item.messageId).sort(), [alerts[0], requestId].sort());
      assert.deepEqual((await getJson(`${khm.url}/api/inbox?q=poipet`)).body.items.map((item: any) => item.messageId), [alerts[1]]);
      assert.deepEqual((await getJson(`${khm.url}/api/inbox?q=golden%20fortune`)).body.items.map((item: any) => item.messageId), [requestId]);
      assert.equal((await getJson(`${khm.url}/api/inbox?box=sent`)).body.total, 1, 'the answer KHM sent');
      assert.equal((await getJson(`${khm.url}/api/inbox?box=all`)).body.total, 6);
      const withdrawn = (await getJson(`${khm.url}/api/inbox?caseReference=IDN-2026-000902`)).body.items.find((item: any) => item.messageId === alerts[2]);
      assert.equal(withdrawn.withdrawn.reason, 'Duplicate of an earlier alert.');
      const bad = await getJson(`${khm.url}/api/inbox?pageSize=1000&sort=size`);
      assert.equal(bad.status, 400);
      assert.ok(bad.body.problems.some((problem: string) => problem.startsWith('pageSize')));
      assert.ok(bad.body.problems.some((problem: string) => problem.startsWith('sort')));
    });

    await t.test('unread is per officer: opening a message in full clears it for that officer only', async () => {
      assert.equal((await getJson(`${khm.url}/api/inbox?unread=true`, sokha)).body.total, 5);
      const detail = await getJson(`${khm.url}/api/messages/${requestId}/detail`, sokha);
      assert.equal(detail.status, 200);
      assert.equal((await getJson(`${khm.url}/api/inbox?unread=true`, sokha)).body.total, 4);
      assert.equal((await getJson(`${khm.url}/api/inbox?unread=true`, dara)).body.total, 5);
      const again = (await getJson(`${khm.url}/api/messages/${requestId}/detail`, dara)).body;
      assert.deepEqual(again.openedBy.map((opened: { officer: string }) => opened.officer), ['sokha', 'dara']);
    });

    await t.test('the detail holds the whole payload, identifiers as kind and key id only, and the answers', async () => {
      const detail = (await getJson(`${khm.url}/api/messages/${requestId}/detail`)).body;
      assert.equal(detail.payloadName, 'assistance-request');
      assert.equal(detail.payload.kind, 'rescue');
      assert.equal(detail.payload.personsCount, 3);
      assert.equal(detail.payload.location.placeName, 'Bavet');
      assert.deepEqual(detail.payload.identifiers, [{ kind: 'passport', keyed: true, keyId: fixture.matchingKey.id }]);
      assert.equal(detail.envelope.senderUnit, 'POLRI-BARESKRIM');
      assert.equal(detail.answers[0].outcome, 'accepted');
      const text = JSON.stringify(detail);
      assert.ok(!text.includes('digest') && !text.includes('9876543'));
      const sent = (await getJson(`${idn.url}/api/messages/${requestId}/detail`)).body;
      assert.equal(sent.direction, 'sent');
      assert.deepEqual(sent.payload.identifiers, [{ kind: 'passport', keyed: true, keyId: fixture.matchingKey.id }]);
      assert.equal(sent.recipients[0].stage, 'answered');
      assert.equal(sent.recipients[0].answer.summary, 'Team dispatched to Bavet.');
      assert.equal(sent.deadline.state, 'answered');
      assert.equal((await getJson(`${idn.url}/api/messages/${alerts[0]}/detail`)).body.recipients[0].stage, 'read');
      assert.equal((await getJson(`${idn.url}/api/messages/00000000-0000-4000-8000-000000000000/detail`)).status, 404);
    });

    await t.test('a case reads as one thread on both sides, oldest first', async () => {
      const atKhm = (await getJson(`${khm.url}/api/cases/${CASE}`)).body;
      assert.deepEqual(atKhm.messages.map((item: any) => [item.direction, item.summary.payloadName]),
        [['received', 'case-alert'], ['received', 'assistance-request'], ['sent', 'assistance-response']]);
      const atIdn = (await getJson(`${idn.url}/api/cases/${CASE}`)).body;
      assert.deepEqual(atIdn.messages.map((item: any) => [item.direction, item.summary.payloadName]),
        [['sent', 'case-alert'], ['sent', 'assistance-request'], ['received', 'assistance-response']]);
      assert.equal((await getJson(`${khm.url}/api/cases/IDN-2026-000902`)).body.withdrawn, true);
      assert.equal((await getJson(`${khm.url}/api/cases/IDN-2026-999999`)).status, 404);
      const due = (await getJson(`${khm.url}/api/due`)).body;
      assert.ok(!due.toAnswer.some((item: any) => item.messageId === requestId), 'answered: not due');
    });

    await t.test('a restarted KHM node keeps every message, mark and opened state', async () => {
      const before = (await getJson(`${khm.url}/api/inbox?box=all&pageSize=200`)).body;
      await khm.stop();
      khm = await startTestNode(t, fixture, 'KHM');
      const after = (await getJson(`${khm.url}/api/inbox?box=all&pageSize=200`)).body;
      assert.deepEqual(after.items.map((item: any) => item.messageId), before.items.map((item: any) => item.messageId));
      const cookie = { cookie: await khm.signInAs('sokha', 'officer') };
      assert.equal((await getJson(`${khm.url}/api/inbox?unread=true`, cookie)).body.total, 4);
      assert.ok((await getJson(`${khm.url}/api/messages/${alerts[2]}/detail`)).body.withdrawn);
    });
  });

  test('a node upgraded from the KV buckets finds its records in its new store, imported once', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1 });
    const leaf = await connect(fixture.topology.leafConnectOptions('KHM'));
    t.after(() => leaf.close());
    const alert = prepared('IDN', alertInput('IDN-2026-000950', { place: 'Koh Kong' }));
    const old = await new Kvm(leaf).create(NODE_BUCKETS.received, { history: 1 });
    const record = { messageId: alert.summary.messageId, summary: alert.summary, receivedAtUnixMs: Date.now(), streamSequence: 1, acknowledged: {} };
    await old.put(alert.summary.messageId, JSON.stringify(record));
    await (await new Kvm(leaf).create(NODE_BUCKETS.escalations, { history: 1 })).put('x', JSON.stringify({ requestMessageId: 'x', requestedState: 'IDN', deadlineUnixMs: 1, escalatedAtUnixMs: 2 }));
    let khm = await startTestNode(t, fixture, 'KHM');
    assert.equal(khm.node.receivedMessage(alert.summary.messageId)?.summary.caseReference, 'IDN-2026-000950');
    assert.deepEqual((await getJson(`${khm.url}/api/inbox?q=koh%20kong`)).body.items.map((item: any) => item.messageId), [alert.summary.messageId]);
    assert.equal((await getJson(`${khm.url}/api/messages/${alert.summary.messageId}/detail`)).body.envelope.senderState, 'IDN');
    // A second start finds the store in use and imports nothing: the message is there once.
    await old.put(alert.summary.messageId, JSON.stringify({ ...record, streamSequence: 99 }));
    await khm.stop();
    khm = await startTestNode(t, fixture, 'KHM');
    assert.equal(khm.node.receivedMessage(alert.summary.messageId)?.summary.messageId, alert.summary.messageId);
    assert.equal((await getJson(`${khm.url}/api/inbox`)).body.total, 1);
  });
});
