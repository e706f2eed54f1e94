// The hit/no-hit query through real nodes and a real hub: two states report the same recruiter
// phone written two ways, a third asks the region whether it is known, and a hit is followed up.
import { test } from 'node:test';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';
import { getJson, postJson, startTestNode, type TestNode } from '../support/node-fixture.ts';
import type { SigningKey } from '../../services/core/mod.ts';
import { prepareSubmission, replyDeadlines } from '../../services/node/mod.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

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

  // VNM asks through its node's query API; the node hashes the values and waits for the hub.
  const query = await postJson(`${vnm.url}/api/queries`, {
    senderUnit: 'BOI-VN-BORDER', caseReference: 'VNM-2026-000001',
    identifiers: [{ kind: 'phone', value: '+62 812 3456 7890' }, { kind: 'passport', value: 'C 7654321' }],
  });
  assert.equal(query.status, 200, JSON.stringify(query.body));
  assert.equal(query.body.outcome, 'answered');
  const [phone, passport] = query.body.results;
  assert.deepEqual([phone.index, phone.kind, passport.index, passport.kind], [0, 'phone', 1, 'passport']);
  assert.equal(phone.hit, true);
  assert.deepEqual(phone.hits.map((hit: { counterpartState: string }) => hit.counterpartState).sort(), ['IDN', 'THA']);
  for (const hit of phone.hits) assert.deepEqual(Object.keys(hit).sort(), ['counterpartState', 'hitId'], 'a hit names the state and the hit id, nothing else');
  assert.equal(passport.hit, false, 'an unknown passport is a no-hit');
  assert.deepEqual(passport.hits, []);
  assert.doesNotMatch(JSON.stringify(query.body), /812.?3456.?7890|C ?7654321|POLRI|RTP|Recruiter/, 'no value and no content of the holders in the answer');
  // The answer is also in VNM's inbox as the hub's signed message, and can be read again later.
  const [answer] = receivedOf(vnm, 'hit-query-answer');
  assert.equal(answer?.payload.queryMessageId, query.body.queryMessageId);
  assert.deepEqual((await getJson(`${vnm.url}/api/queries/${query.body.queryMessageId}`)).body.results, query.body.results);

  // Each holder learns that VNM asked about something it holds; neither learns what else VNM knows.
  for (const holder of [idn, tha]) {
    await waitFor(() => (receivedOf(holder, 'hit-notice')).some((notice) => notice.payload.fromQuery === true), `${holder.state} told of VNM's query`);
    const notice = (receivedOf(holder, 'hit-notice')).find((item) => item.payload.fromQuery === true);
    assert.equal(notice?.payload.counterpartState, 'VNM');
  }
  assert.equal((receivedOf(idn, 'hit-query')).length + (receivedOf(tha, 'hit-query')).length, 0, 'the query itself reaches no state');

  // Both sides' audit trails record it: VNM's query (kinds and counts, no value), each holder's hit.
  const [asked] = (await vnm.trail.page({ action: 'query' })).entries;
  assert.equal(asked?.messageId, query.body.queryMessageId);
  assert.match(asked?.detail ?? '', /^identifiers=2 kinds=passport,phone answered hits=1 counterparts=IDN,THA$/);
  for (const holder of [idn, tha]) {
    await waitFor(async () => (await holder.trail.page({ action: 'hit' })).entries.some((entry) => /^query from VNM matched message /.test(entry.detail ?? '')), `${holder.state}'s trail recording VNM's query`);
  }
  const trails = JSON.stringify([...(await vnm.trail.page({ limit: 500 })).entries, ...(await idn.trail.page({ limit: 500 })).entries]);
  assert.doesNotMatch(trails, /812.?3456.?7890|C ?7654321/, 'no identifier value in either trail');

  // THA follows its hit up with IDN: the hub checks THA was told of the hit and IDN is its counterpart.
  const followUp = await postJson(`${tha.url}/api/messages`, {
    type: 'assistance-request', senderUnit: 'RTP-ATHT', distribution: { mode: 'named', states: ['IDN'] }, handling: 'amber', priority: 'urgent', caseReference: 'THA-2026-000777',
    payload: { kind: 'information', requestedState: 'IDN', summary: 'Please share what you know of the recruiter behind this number.', followsUpHitId: thaNotice?.payload.hitId, personsCount: 0 },
  });
  assert.equal(followUp.status, 202, JSON.stringify(followUp.body));
  await waitFor(() => idn.node.receivedMessage(followUp.body.messageId) !== undefined, 'IDN receiving the follow-up');
  const seen = (await getJson(`${idn.url}/api/messages/${followUp.body.messageId}/detail`)).body;
  assert.equal(seen.payload.followsUpHitId, thaNotice?.payload.hitId, "IDN's officers see which hit it concerns");
  assert.deepEqual(
    [seen.followsUpHit?.via, seen.followsUpHit?.counterpartState, seen.followsUpHit?.ourMessageId, seen.followsUpHit?.ourCaseReference],
    ['report', 'THA', fromIdn.body.messageId, 'IDN-2026-000321'], 'the hit as IDN knows it: THA\'s report matched our message of case IDN-2026-000321');

  // A follow-up of a hit VNM was never told of: its node refuses it before anything is published...
  const fishingInput = {
    type: 'assistance-request', senderUnit: 'BOI-VN-BORDER', distribution: { mode: 'named', states: ['IDN'] }, handling: 'amber', priority: 'urgent', caseReference: 'VNM-2026-000001',
    payload: { kind: 'information', requestedState: 'IDN', summary: 'Please share the detail.', followsUpHitId: thaNotice?.payload.hitId, personsCount: 0 },
  };
  const fishing = await postJson(`${vnm.url}/api/messages`, fishingInput);
  assert.equal(fishing.status, 422, JSON.stringify(fishing.body));
  assert.equal(fishing.body.reasonCode, 'UNKNOWN_HIT');
  assert.doesNotMatch(JSON.stringify(fishing.body), /THA/);
  // ...and the hub refuses the same message signed and published past the node, saying nothing of the hit's parties.
  const forged = prepareSubmission(fishingInput, { state: 'VNM', signingKey: fixture.keys.VNM as SigningKey, matchingKey: fixture.matchingKey, deadlines: replyDeadlines(), nowMs: Date.now() });
  await fixture.submit(forged.envelope);
  const vnmInbox = fixture.inbox('VNM');
  await waitFor(() => vnmInbox.receipts().some((receipt) => receipt.acknowledgedMessageId === forged.envelope.messageId), 'the hub refusing the forged follow-up');
  const refusal = vnmInbox.receipts().find((receipt) => receipt.acknowledgedMessageId === forged.envelope.messageId);
  assert.equal(refusal?.reasonCode, 'UNKNOWN_HIT');
  assert.doesNotMatch(refusal?.reason ?? '', /THA/);
  assert.equal(idn.node.receivedMessage(forged.envelope.messageId), undefined, 'IDN never receives it');

  // tipnet links: IDN's case is linked to THA (their report, with THA's follow-up) and to VNM (their query); no content of theirs.
  const links = (await getJson(`${idn.url}/api/cases/IDN-2026-000321/links`)).body;
  const byState = (state: string) => links.counterparts.filter((counterpart: { counterpartState: string }) => counterpart.counterpartState === state);
  assert.deepEqual(byState('THA').map((c: any) => [c.via, c.ourMessageId, c.followUps.map((f: any) => [f.messageId, f.direction])]),
    [['report', fromIdn.body.messageId, [[followUp.body.messageId, 'received']]]]);
  assert.deepEqual(byState('VNM').map((c: any) => c.via), ['query-by-them']);
  assert.doesNotMatch(JSON.stringify(links), /THA-2026|VNM-2026|Recruiter|fake call-centre/, "nothing of another state's content");
  const printed = await tipnet(['links', 'IDN-2026-000321', '--node', idn.url], idn.token);
  assert.equal(printed.code, 0, printed.stderr);
  assert.match(printed.stdout, /^THA +hit .*their report matched our phone.*follow-ups: 1 received/m);
  assert.match(printed.stdout, /^VNM +hit .*their query matched our phone/m);

  // tipnet query: the same question from VNM's command line, the phone in national form with its country.
  const fromCli = await tipnet(['query', '--node', vnm.url, '--phone', '0812 3456 7890', '--country', 'IDN', '--passport', 'C 7654321'], vnm.token);
  assert.equal(fromCli.code, 0, fromCli.stderr);
  assert.match(fromCli.stdout, /1 hit\(s\), 1 no-hit\(s\)/);
  assert.match(fromCli.stdout, /#2 phone: HIT {2}held by (IDN \(hit [^)]+\), THA|THA \(hit [^)]+\), IDN)/);
  assert.match(fromCli.stdout, /#1 passport: no hit/, 'passports are asked first (the options\' order)');
});

/** Runs the tipnet CLI with a node token in its environment (never on its command line). */
function tipnet(args: string[], token: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/tipnet.js', ...args], { cwd: ROOT, timeout: 60_000, env: { ...process.env, TIPNET_TOKEN: token } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
