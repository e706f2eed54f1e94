// A case's links read from a real SQLite store: our own sent messages, the hub's hit notices and
// query answers about them, follow-up requests, and our other cases sharing keyed identifiers.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, v1, type ComposedEnvelope } from '../../services/core/mod.ts';
import { hubHitNotice, hubHitQueryAnswer } from '../../services/router/mod.ts';
import { NodeStore, nodeQueries, summariseMessage } from '../../services/node/mod.ts';
import { alertInput, prepared, storeReceived, storeSent } from '../support/store-messages.ts';

const HUB_KEY = generateSigningKey('HUB');
const NOW = Date.parse('2026-11-18T10:00:00Z');
const example = (name: string) => JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')) as Record<string, any>;

function tempStore(t: TestContext): NodeStore {
  const dir = mkdtempSync(join(tmpdir(), 'tipnet-links-test-'));
  const store = NodeStore.open(dir, 'IDN');
  t.after(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

let sequence = 1_000;
async function storeFromHub(store: NodeStore, composed: ComposedEnvelope): Promise<void> {
  sequence += 1;
  const { envelope, payload } = composed;
  const summary = summariseMessage(envelope, payload);
  await store.received.create(envelope.messageId, { messageId: envelope.messageId, summary, receivedAtUnixMs: NOW + sequence, streamSequence: sequence, acknowledged: {} }, envelope);
}

const followUp = (hitId: string, to: string, caseReference: string) => ({
  ...example('assistance-request-hit-follow-up'), senderUnit: 'POLRI-BARESKRIM', caseReference,
  distribution: { mode: 'named', states: [to] },
  payload: { ...example('assistance-request-hit-follow-up').payload, requestedState: to, followsUpHitId: hitId },
});

test("the store gives a case's links: hits on our messages, our query's hits, follow-ups, and our own cases sharing identifiers", async (t) => {
  const store = tempStore(t);
  const queries = nodeQueries('IDN', store, () => NOW);
  const alert = await storeSent(store, prepared('IDN', alertInput('IDN-2026-000300'), NOW));
  const query = await storeSent(store, prepared('IDN', {
    ...example('hit-query'), senderUnit: 'POLRI-BARESKRIM', caseReference: 'IDN-2026-000300',
    payload: { identifiers: [{ kind: 'phone', value: '+62 812-5555-0199' }, { kind: 'email', value: 'nobody@example.org' }] },
  }, NOW + 1_000));
  // Another own case with the same phone and passport; a message of ours in THA's case; THA's own alert received.
  await storeSent(store, prepared('IDN', alertInput('IDN-2026-000400'), NOW + 2_000));
  await storeSent(store, prepared('IDN', { ...alertInput('THA-2026-000900'), caseReference: 'THA-2026-000900' }, NOW + 3_000));
  await storeReceived(store, prepared('THA', alertInput('THA-2026-000901', { to: 'IDN' }), NOW + 4_000));

  const hitBase = { to: 'IDN', identifierKind: v1.IdentifierKind.IDENTIFIER_KIND_PHONE, exercise: false, drillId: '' };
  await storeFromHub(store, hubHitNotice({ ...hitBase, messageId: '0f000000-0000-4000-8000-000000000001', yourMessageId: alert, counterpartState: 'THA', hitId: 'hit-3f2a9c1e7b4d6a80', matchedIdentifiers: 2, nowMs: NOW + 5_000 }, HUB_KEY));
  await storeFromHub(store, hubHitNotice({ ...hitBase, messageId: '0f000000-0000-4000-8000-000000000002', yourMessageId: alert, counterpartState: 'VNM', hitId: 'hit-77aa', matchedIdentifiers: 1, nowMs: NOW + 6_000, fromQuery: true }, HUB_KEY));
  await storeFromHub(store, hubHitQueryAnswer({
    messageId: '0f000000-0000-4000-8000-000000000003', to: 'IDN', queryMessageId: query, exercise: false, drillId: '', nowMs: NOW + 7_000,
    results: [
      { index: 0, identifierKind: v1.IdentifierKind.IDENTIFIER_KIND_PHONE, hit: true, hits: [{ counterpartState: 'PHL', hitId: 'hit-q1' }] },
      { index: 1, identifierKind: v1.IdentifierKind.IDENTIFIER_KIND_EMAIL, hit: false, hits: [] },
    ],
  }, HUB_KEY));
  const sentFollowUp = await storeSent(store, prepared('IDN', followUp('hit-3f2a9c1e7b4d6a80', 'THA', 'IDN-2026-000300'), NOW + 8_000));
  const receivedFollowUp = await storeReceived(store, prepared('PHL', { ...followUp('hit-q1', 'IDN', 'PHL-2026-000010'), senderUnit: 'PNP-WCPC' }, NOW + 9_000));

  const links = queries.caseLinks('IDN-2026-000300');
  assert.deepEqual(links?.messages.map((message) => [message.messageId, message.payloadName]), [[alert, 'case-alert'], [query, 'hit-query'], [sentFollowUp, 'assistance-request']]);
  assert.deepEqual(links?.counterparts.map((c) => [c.counterpartState, c.hitId, c.via, c.ourMessageId, c.identifierKind, c.matchedIdentifiers, c.followUps.map((f) => [f.messageId, f.direction])]), [
    ['THA', 'hit-3f2a9c1e7b4d6a80', 'report', alert, 'phone', 2, [[sentFollowUp, 'sent']]],
    ['VNM', 'hit-77aa', 'query-by-them', alert, 'phone', 1, []],
    ['PHL', 'hit-q1', 'query-by-us', query, 'phone', 1, [[receivedFollowUp, 'received']]],
  ]);
  assert.deepEqual(links?.linkedCases, [{ caseReference: 'IDN-2026-000400', sharedIdentifiers: 2, identifierKinds: ['passport', 'phone'] }]);
  assert.doesNotMatch(JSON.stringify(links), /THA-2026|PHL-2026/, "no other state's case reference appears");
});

test('a case this node sent nothing in, or only received messages of, has no links', async (t) => {
  const store = tempStore(t);
  const queries = nodeQueries('IDN', store, () => NOW);
  await storeReceived(store, prepared('THA', alertInput('THA-2026-000901', { to: 'IDN' }), NOW));
  assert.equal(queries.caseLinks('THA-2026-000901'), undefined);
  assert.equal(queries.caseLinks('IDN-2026-000999'), undefined);
});

test('a withdrawn message of ours no longer links its case to another', async (t) => {
  const store = tempStore(t);
  const queries = nodeQueries('IDN', store, () => NOW);
  await storeSent(store, prepared('IDN', alertInput('IDN-2026-000300'), NOW));
  const other = await storeSent(store, prepared('IDN', alertInput('IDN-2026-000400'), NOW + 1_000));
  assert.equal(queries.caseLinks('IDN-2026-000300')?.linkedCases.length, 1);
  await storeSent(store, prepared('IDN', {
    type: 'retraction', senderUnit: 'POLRI', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber', priority: 'urgent',
    caseReference: 'IDN-2026-000400', payload: { retractedMessageId: other, kind: 'withdraw', reason: 'Sent in error.' },
  }, NOW + 2_000));
  assert.deepEqual(queries.caseLinks('IDN-2026-000300')?.linkedCases, []);
});
