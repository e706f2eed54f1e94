// The hit/no-hit query through real nodes and a real hub: two states report the same recruiter
// phone written two ways, a third asks the region whether it is known, and a hit is followed up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';
import { getJson, postJson, startTestNode, type TestNode } from '../support/node-fixture.ts';

function recruiterReport(unit: string, to: string[], phone: Record<string, string>, caseReference: string): Record<string, unknown> {
  return {
    type: 'intelligence-report', senderUnit: unit, distribution: { mode: 'named', states: to }, handling: 'amber', priority: 'routine', caseReference,
    payload: {
      title: 'Recruiter phone behind fake call-centre job offers',
      summary: 'The number answers applicants of a fake call-centre job and arranges their travel to the border.',
      indicators: [{ type: 'phone-number', shareAs: 'keyed', ...phone }],
      sourceReliability: 'B', informationCredibility: 2,
    },
  };
}

/** What a node received, decoded as its officers see it (identifiers as kind and key id only). */
function receivedOf(node: TestNode, payloadName: string): Array<{ messageId: string; payload: any; envelope: any }> {
  const ids = node.node.received().filter((message) => message.summary.payloadName === payloadName).map((message) => message.messageId);
  return ids.map((id) => node.node.detail(id) as unknown as { messageId: string; payload: any; envelope: any });
}

test('IDN and THA report one recruiter phone written two ways; VNM asks the region and hears of both without content; THA follows its hit up to IDN', async (t) => {
  const fixture = await startHubFixture(t, { states: ['IDN', 'THA', 'VNM'], hubNodes: 1 });
  const [idn, tha, vnm] = await Promise.all([startTestNode(t, fixture, 'IDN'), startTestNode(t, fixture, 'THA'), startTestNode(t, fixture, 'VNM')]);

  const fromIdn = await postJson(`${idn.url}/api/messages`, recruiterReport('POLRI-BARESKRIM', ['VNM'], { value: '+62 812-3456-7890' }, 'IDN-2026-000321'));
  assert.equal(fromIdn.status, 202, JSON.stringify(fromIdn.body));
  await waitFor(() => vnm.node.receivedMessage(fromIdn.body.messageId) !== undefined, 'VNM receiving IDN\'s report');
  // THA writes the Indonesian number in national form and says whose it is.
  const fromTha = await postJson(`${tha.url}/api/messages`, recruiterReport('RTP-ATHT', ['VNM'], { value: '0812 3456 7890', country: 'IDN' }, 'THA-2026-000777'));
  assert.equal(fromTha.status, 202, JSON.stringify(fromTha.body));
  await waitFor(() => (receivedOf(tha, 'hit-notice')).length === 1 && (receivedOf(idn, 'hit-notice')).length === 1, 'both states told of the hit');
  const [thaNotice] = receivedOf(tha, 'hit-notice');
  assert.equal(thaNotice?.payload.counterpartState, 'IDN');

  const query = await postJson(`${vnm.url}/api/messages`, {
    type: 'hit-query', senderUnit: 'BOI-VN-BORDER', distribution: { mode: 'regional-broadcast' }, handling: 'amber', priority: 'urgent',
    payload: { identifiers: [{ kind: 'phone', value: '+62 812 3456 7890' }, { kind: 'passport', value: 'C 7654321' }] },
  });
  assert.equal(query.status, 202, JSON.stringify(query.body));
  await waitFor(() => (receivedOf(vnm, 'hit-query-answer')).length === 1, 'VNM receiving the answer');
  const [answer] = receivedOf(vnm, 'hit-query-answer');
  assert.equal(answer?.payload.queryMessageId, query.body.messageId);
  const [phone, passport] = answer?.payload.results ?? [];
  assert.equal(phone.hit, true);
  assert.deepEqual(phone.hits.map((hit: { counterpartState: string }) => hit.counterpartState).sort(), ['IDN', 'THA']);
  for (const hit of phone.hits) assert.deepEqual(Object.keys(hit).sort(), ['counterpartState', 'hitId'], 'a hit names the state and the hit id, nothing else');
  assert.equal(passport.hit, false, 'an unknown passport is a no-hit');
  assert.deepEqual(passport.hits, []);

  // Each holder learns that VNM asked about something it holds; neither learns what else VNM knows.
  for (const holder of [idn, tha]) {
    await waitFor(() => (receivedOf(holder, 'hit-notice')).some((notice) => notice.payload.fromQuery === true), `${holder.state} told of VNM's query`);
    const notice = (receivedOf(holder, 'hit-notice')).find((item) => item.payload.fromQuery === true);
    assert.equal(notice?.payload.counterpartState, 'VNM');
  }
  assert.equal((receivedOf(idn, 'hit-query')).length + (receivedOf(tha, 'hit-query')).length, 0, 'the query itself reaches no state');

  // THA follows its hit up with IDN: the hub checks THA was told of the hit and IDN is its counterpart.
  const followUp = await postJson(`${tha.url}/api/messages`, {
    type: 'assistance-request', senderUnit: 'RTP-ATHT', distribution: { mode: 'named', states: ['IDN'] }, handling: 'amber', priority: 'urgent', caseReference: 'THA-2026-000777',
    payload: { kind: 'information', requestedState: 'IDN', summary: 'Please share what you know of the recruiter behind this number.', followsUpHitId: thaNotice?.payload.hitId, personsCount: 0 },
  });
  assert.equal(followUp.status, 202, JSON.stringify(followUp.body));
  await waitFor(() => idn.node.receivedMessage(followUp.body.messageId) !== undefined, 'IDN receiving the follow-up');
  const seen = idn.node.detail(followUp.body.messageId) as unknown as { payload: { followsUpHitId: string } };
  assert.equal(seen.payload.followsUpHitId, thaNotice?.payload.hitId, "IDN's officers see which hit it concerns");

  // A follow-up of a hit VNM was never told of is refused, and says nothing about that hit's parties.
  const fishing = await postJson(`${vnm.url}/api/messages`, {
    type: 'assistance-request', senderUnit: 'BOI-VN-BORDER', distribution: { mode: 'named', states: ['IDN'] }, handling: 'amber', priority: 'urgent', caseReference: 'VNM-2026-000001',
    payload: { kind: 'information', requestedState: 'IDN', summary: 'Please share the detail.', followsUpHitId: thaNotice?.payload.hitId, personsCount: 0 },
  });
  assert.equal(fishing.status, 202, JSON.stringify(fishing.body));
  await waitFor(() => vnm.node.status(fishing.body.messageId)?.rejection !== undefined, 'the hub refusing the follow-up');
  const refused = (await getJson(`${vnm.url}/api/messages/${fishing.body.messageId}/status`)).body;
  assert.equal(refused.rejection.reasonCode, 'UNKNOWN_HIT');
  assert.doesNotMatch(refused.rejection.reason, /THA/);
});
