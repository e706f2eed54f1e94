import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { jetstreamManager } from '@nats-io/jetstream';
import type { v1 } from '../../services/core/proto.ts';
import { STREAMS } from '../../services/core/subjects.ts';
import { startHubFixture, waitFor, type HubFixture } from '../support/hub-fixture.ts';
import { postJson, startTestNode } from '../support/node-fixture.ts';

const example = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, any>;

/** One Indonesian victim's phone, as IDN's and KHM's systems each write it. */
const PHONE_AT_IDN = '+62 812-3456-7890';
const PHONE_AT_KHM = '0062 812 3456 7890';
const PHONE_NATIONAL = '0812-3456-7890';

/** IDN's rescue request for the victim, named to KHM, carrying only the phone. */
function idnAlert(phone: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...example, caseReference: 'IDN-2026-004711', distribution: { mode: 'named', states: ['KHM'] }, ...extra,
    payload: { ...example.payload, victims: [{ ...example.payload.victims[0], count: 1, identifiers: [{ kind: 'phone', value: phone }] }] },
  };
}

/** KHM's own report of the same Indonesian national, found at a compound, named to IDN. */
function khmAlert(phone: string): Record<string, unknown> {
  return {
    type: 'case-alert',
    senderUnit: 'KHM-ATHJP',
    distribution: { mode: 'named', states: ['IDN'] },
    handling: 'amber',
    priority: 'urgent',
    caseReference: 'KHM-2026-000042',
    payload: {
      kind: 'repatriation-notice',
      summary: 'An Indonesian national removed from a compound in Sihanoukville awaits repatriation.',
      route: [{ state: 'IDN', role: 'origin' }, { state: 'KHM', role: 'destination', place: 'Sihanoukville' }],
      victims: [{ count: 1, ageBand: '18-24', gender: 'male', nationality: 'IDN', identifiers: [{ kind: 'phone', value: phone }] }],
      requestedActions: ['repatriate'],
    },
  };
}

async function submissionsSoFar(fixture: HubFixture): Promise<number> {
  return (await (await jetstreamManager(fixture.hub)).streams.info(STREAMS.submissions)).state.last_seq;
}

describe('what a national system may submit, on IDN\'s and KHM\'s nodes over a real hub', () => {
  test('phones in international form, and message ids a node has not used', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1 });
    const idn = await startTestNode(t, fixture, 'IDN');
    const khm = await startTestNode(t, fixture, 'KHM');
    const hitNotices = (state: 'IDN' | 'KHM') => fixture.inbox(state).ofKind('hit-notice').map((item) => item.decoded.message as v1.HitNotice);

    await t.test('a national-format phone is refused with 400 at both nodes, naming the field and asking for the international form; nothing is sent', async () => {
      const before = await submissionsSoFar(fixture);
      for (const [node, body] of [[idn, idnAlert(PHONE_NATIONAL)], [khm, khmAlert(PHONE_NATIONAL)]] as const) {
        const answer = await postJson(`${node.url}/api/messages`, body);
        assert.equal(answer.status, 400, `${node.state}: ${JSON.stringify(answer.body)}`);
        const problem = (answer.body.problems as string[]).find((item) => item.startsWith('payload.victims[0].identifiers[0].value: '));
        assert.match(problem ?? '', /international form \("\+" or "00", then the country code\)/, `${node.state}: ${answer.body.problems}`);
        assert.ok(!JSON.stringify(answer.body).includes('3456'), `${node.state}'s answer never repeats the number`);
      }
      assert.equal(await submissionsSoFar(fixture), before, 'no submission reached the hub');
    });

    await t.test('the same victim\'s phone written differently at IDN and at KHM hashes the same: the hub\'s hit notice reaches both', async () => {
      const fromIdn = await postJson(`${idn.url}/api/messages`, idnAlert(PHONE_AT_IDN));
      assert.equal(fromIdn.status, 202, JSON.stringify(fromIdn.body));
      await waitFor(() => khm.node.receivedMessage(fromIdn.body.messageId) !== undefined, 'KHM receiving IDN\'s alert');
      const fromKhm = await postJson(`${khm.url}/api/messages`, khmAlert(PHONE_AT_KHM));
      assert.equal(fromKhm.status, 202, JSON.stringify(fromKhm.body));
      await waitFor(() => hitNotices('IDN').length > 0 && hitNotices('KHM').length > 0, 'hit notices at IDN and KHM');
      const [atIdn] = hitNotices('IDN');
      const [atKhm] = hitNotices('KHM');
      assert.equal(atKhm?.counterpartState, 'IDN');
      assert.equal(atKhm?.yourMessageId, fromKhm.body.messageId);
      assert.equal(atKhm?.matchedIdentifiers, 1);
      assert.equal(atIdn?.counterpartState, 'KHM');
      assert.equal(atIdn?.yourMessageId, fromIdn.body.messageId);
      assert.equal(atIdn?.hitId, atKhm?.hitId);
      // The nodes show them too (verified, from HUB).
      await waitFor(() => idn.node.received().some((item) => item.summary.payloadName === 'hit-notice'), 'IDN\'s node showing the notice');
      await waitFor(() => khm.node.received().some((item) => item.summary.payloadName === 'hit-notice'), 'KHM\'s node showing the notice');
    });

    await t.test('a messageId the node already sent or received is refused with 409 MESSAGE_ID_IN_USE, and nothing is sent', async () => {
      const chosen = randomUUID();
      const first = await postJson(`${idn.url}/api/messages`, idnAlert(PHONE_AT_IDN, { messageId: chosen, caseReference: 'IDN-2026-004712' }));
      assert.equal(first.status, 202, JSON.stringify(first.body));
      assert.equal(first.body.messageId, chosen, 'a fresh id the national system chose is kept');
      await waitFor(() => khm.node.receivedMessage(chosen) !== undefined, 'KHM receiving the alert with the chosen id');

      const before = await submissionsSoFar(fixture);
      const sentAgain = await postJson(`${idn.url}/api/messages`, idnAlert(PHONE_AT_IDN, { messageId: chosen, caseReference: 'IDN-2026-004713' }));
      assert.equal(sentAgain.status, 409, JSON.stringify(sentAgain.body));
      assert.equal(sentAgain.body.error, 'MESSAGE_ID_IN_USE');
      assert.match(sentAgain.body.message, /already the id of a message this node sent/);
      // KHM received it from IDN: KHM's systems cannot take it over either.
      const takenOver = await postJson(`${khm.url}/api/messages`, { ...khmAlert(PHONE_AT_KHM), messageId: chosen.toUpperCase() });
      assert.equal(takenOver.status, 409, JSON.stringify(takenOver.body));
      assert.equal(takenOver.body.error, 'MESSAGE_ID_IN_USE');
      assert.match(takenOver.body.message, /already the id of a message this node received/);
      assert.equal(await submissionsSoFar(fixture), before, 'no submission reached the hub');
      assert.equal(idn.node.sent().filter((message) => message.messageId === chosen).length, 1);
      assert.equal(idn.node.status(chosen)?.summary.caseReference, 'IDN-2026-004712', 'the original record is untouched');
    });

    await t.test('a retry with the same Idempotency-Key and the same chosen id still gets the original answer, not 409', async () => {
      const chosen = randomUUID();
      const body = idnAlert(PHONE_AT_IDN, { messageId: chosen, caseReference: 'IDN-2026-004714' });
      const first = await postJson(`${idn.url}/api/messages`, body, { 'Idempotency-Key': `rules-${chosen}` });
      const retry = await postJson(`${idn.url}/api/messages`, body, { 'Idempotency-Key': `rules-${chosen}` });
      assert.deepEqual([first.status, retry.status], [202, 202], JSON.stringify(retry.body));
      assert.deepEqual([first.body, retry.body], [{ messageId: chosen, duplicate: false }, { messageId: chosen, duplicate: true }]);
    });
  });
});
