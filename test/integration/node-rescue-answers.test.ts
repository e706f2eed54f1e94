import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';
import { getJson, postJson, startTestNode } from '../support/node-fixture.ts';

const example = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, any>;
const HOUR = 3_600_000;

function rescueRequestTo(states: string[], replyDeadline: Date): Record<string, unknown> {
  return { ...example, distribution: { mode: 'named', states }, caseReference: 'IDN-2026-000900', payload: { ...example.payload, replyDeadline: replyDeadline.toISOString() } };
}

function answer(requestMessageId: string, outcome: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'assistance-response', senderUnit: 'KHM-NCB', distribution: { mode: 'named', states: ['IDN'] }, handling: 'amber', priority: 'immediate',
    caseReference: 'IDN-2026-000900', payload: { requestMessageId, outcome, ...extra },
  };
}

describe('answers to a rescue request, on a hub with IDN, KHM and THA', () => {
  test('a recipient answers (delayed, with reason), a non-recipient is refused, a withdrawal clears the due lists', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM', 'THA'], hubNodes: 1 });
    const [idn, khm, tha] = await Promise.all([startTestNode(t, fixture, 'IDN'), startTestNode(t, fixture, 'KHM'), startTestNode(t, fixture, 'THA')]);

    const sent = await postJson(`${idn.url}/api/messages`, rescueRequestTo(['KHM'], new Date(Date.now() + 24 * HOUR)));
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    const rescueId: string = sent.body.messageId;
    await waitFor(() => khm.node.receivedMessage(rescueId) !== undefined, 'KHM receiving the rescue request');
    const owed = (await getJson(`${khm.url}/api/due`)).body.toAnswer;
    assert.deepEqual(owed.map((item: { messageId: string }) => item.messageId), [rescueId], 'a rescue request is owed by the state it reached');

    await t.test('the hub routes an assistance response to a rescue request back to its sender, with its outcome and reason', async () => {
      const expected = new Date(Date.now() + 48 * HOUR);
      const delayed = await postJson(`${khm.url}/api/messages`, answer(rescueId, 'delayed', { summary: 'Raid planned with the provincial police; needs a court order.', expectedCompletion: expected.toISOString() }));
      assert.equal(delayed.status, 202, JSON.stringify(delayed.body));
      await waitFor(() => (idn.node.status(rescueId)?.answers.length ?? 0) > 0, 'IDN receiving the answer');
      const [recorded] = (await getJson(`${idn.url}/api/messages/${rescueId}/status`)).body.answers;
      assert.deepEqual([recorded.from, recorded.outcome, recorded.unit, recorded.expectedCompletionUnixMs], ['KHM', 'delayed', 'KHM-NCB', expected.getTime()]);
      assert.match(recorded.summary, /court order/);
      const [awaiting] = (await getJson(`${idn.url}/api/due`)).body.awaitingAnswer;
      assert.deepEqual([awaiting.messageId, awaiting.deadlineUnixMs, awaiting.deadline.state], [rescueId, expected.getTime(), 'delayed']);
      await waitFor(() => khm.node.due().toAnswer[0]?.deadlineUnixMs === expected.getTime(), 'KHM seeing its own new deadline');
    });

    await t.test('a state the rescue request did not reach cannot answer it (NOT_A_RECIPIENT)', async () => {
      const refused = await postJson(`${tha.url}/api/messages`, { ...answer(rescueId, 'accepted'), senderUnit: 'THA-DSI' });
      assert.equal(refused.status, 202, JSON.stringify(refused.body));
      await waitFor(() => tha.node.status(refused.body.messageId)?.rejection !== undefined, 'the hub refusing THA');
      assert.equal(tha.node.status(refused.body.messageId)?.rejection?.reasonCode, 'NOT_A_RECIPIENT');
      assert.equal(idn.node.status(rescueId)?.answers.length, 1);
    });

    await t.test('withdrawing the rescue request removes it from both due lists', async () => {
      const withdraw = {
        type: 'retraction', senderUnit: 'POLRI-BARESKRIM', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber', priority: 'immediate',
        caseReference: 'IDN-2026-000900', payload: { retractedMessageId: rescueId, kind: 'withdraw', reason: 'The victims reached the embassy themselves.' },
      };
      const retraction = await postJson(`${idn.url}/api/messages`, withdraw);
      assert.equal(retraction.status, 202, JSON.stringify(retraction.body));
      await waitFor(() => khm.node.receivedMessage(retraction.body.messageId) !== undefined, 'KHM receiving the withdrawal');
      assert.deepEqual((await getJson(`${khm.url}/api/due`)).body.toAnswer, []);
      assert.deepEqual((await getJson(`${idn.url}/api/due`)).body.awaitingAnswer, []);
    });
  });
});
