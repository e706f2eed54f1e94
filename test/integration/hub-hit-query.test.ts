// A hit/no-hit query over a real hub (one server, in-process hub services, the KV message index):
// the answer reaches the querier's inbox, the from-query notice the counterpart's, and the querier
// may follow the hit up with the counterpart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { decodePayload, encodePayload } from '../../services/core/codec.ts';
import { payloadKindByName } from '../../services/core/payload-registry.ts';
import { v1 } from '../../services/core/proto.ts';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';

const named = (...states: string[]) => ({ mode: v1.DistributionMode.DISTRIBUTION_MODE_NAMED, states });

test('a query answered over a real hub: the answer in the querier\'s inbox, the notice in the counterpart\'s', async (t) => {
  const fixture = await startHubFixture(t, { states: ['IDN', 'KHM', 'THA'], hubNodes: 1 });
  const alert = fixture.sign(fixture.alert({ distribution: named('THA') }));
  await fixture.submit(alert);
  await waitFor(() => fixture.inbox('THA').count(alert.messageId) === 1, 'the alert at THA');
  const decoded = decodePayload(alert);
  assert.equal(decoded.name, 'case-alert');
  const identifiers = decoded.name === 'case-alert' ? decoded.message.victims.flatMap((group) => group.identifiers) : [];

  const base = fixture.alert();
  const queryFields = {
    ...base,
    messageId: randomUUID(), senderState: 'KHM', senderUnit: 'KHM-ATHP', caseReference: '', inReplyTo: '',
    distribution: named('IDN', 'THA'),
    payloadType: payloadKindByName('hit-query').type,
    payload: encodePayload('hit-query', v1.HitQuery.create({ identifiers })),
  };
  const query = fixture.sign(queryFields, 'KHM');
  await fixture.submit(query);
  await waitFor(() => fixture.inbox('KHM').ofKind('hit-query-answer').length === 1, 'the answer at KHM');
  await waitFor(() => fixture.inbox('IDN').ofKind('hit-notice').length === 1, 'the notice at IDN');
  const answer = fixture.inbox('KHM').ofKind('hit-query-answer')[0]?.decoded.message as v1.HitQueryAnswer;
  assert.equal(answer.queryMessageId, query.messageId);
  assert.equal(answer.results.length, identifiers.length);
  assert.ok(answer.results.every((result) => result.hit && result.hits.map((h) => h.counterpartState).join() === 'IDN'));
  const notice = fixture.inbox('IDN').ofKind('hit-notice')[0]?.decoded.message as v1.HitNotice;
  assert.equal(notice.fromQuery, true);
  assert.equal(notice.counterpartState, 'KHM');
  assert.equal(notice.yourMessageId, alert.messageId);
  assert.equal(notice.hitId, answer.results[0]?.hits[0]?.hitId);
  assert.equal(fixture.inbox('THA').count(query.messageId), 0, 'a query is delivered to nobody');

  // The querier follows the hit up with the counterpart.
  const followUp = fixture.sign({
    ...base,
    messageId: randomUUID(), senderState: 'KHM', senderUnit: 'KHM-ATHP', caseReference: 'KHM-2026-000007', inReplyTo: '',
    distribution: named('IDN'),
    payloadType: payloadKindByName('assistance-request').type,
    payload: encodePayload('assistance-request', v1.AssistanceRequest.create({
      kind: v1.AssistanceKind.ASSISTANCE_KIND_INFORMATION, requestedState: 'IDN', summary: 'Please share what you hold on this person.',
      replyDeadlineUnixMs: Number(base.createdAtUnixMs) + 24 * 3_600_000, followsUpHitId: notice.hitId,
    })),
  }, 'KHM');
  await fixture.submit(followUp);
  await waitFor(() => fixture.inbox('IDN').count(followUp.messageId) === 1, 'the follow-up at IDN');
});
